//! The estimates note says truly, ICB by ICB, where healthy life expectancy by fifth comes
//! from (findings 17): Lancashire and South Cumbria and Frimley hold unitary places with
//! published HLE (Blackpool, Slough) beside districts without.

use ics_whatif::model::Baseline;

fn hle_note(code: &str) -> String {
    let base = Baseline::for_code(code).unwrap();
    let notes: Vec<&str> = base
        .estimates
        .iter()
        .copied()
        .filter(|s| s.starts_with("healthy life expectancy by fifth"))
        .collect();
    assert_eq!(notes.len(), 1, "{code}: {notes:?}");
    notes[0].to_string()
}

#[test]
fn hle_note_names_published_unitary_figures_where_an_icb_has_them() {
    for icb in ics_whatif::data::icbs() {
        let places = ics_whatif::data::places_of(&icb.code);
        let published = places.iter().filter(|p| p.hle_2022_24.is_some()).count();
        let note = hle_note(&icb.code);
        if published == places.len() {
            assert!(
                note.contains("each place's published mean"),
                "{}: {note}",
                icb.code
            );
        } else if published > 0 {
            assert!(
                note.contains("published for its single-tier places"),
                "{}: {note}",
                icb.code
            );
        } else {
            // Said only where it is true: every place a district (E07).
            assert!(
                places.iter().all(|p| p.ltla_code.starts_with("E07")),
                "{}",
                icb.code
            );
            assert!(
                note.contains("its places are districts"),
                "{}: {note}",
                icb.code
            );
        }
    }
    for code in ["QE1", "QNQ"] {
        assert!(
            hle_note(code).contains("published for its single-tier places"),
            "{code}"
        );
    }
}
