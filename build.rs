//! Packs the compiled-in CSV files (src/data/*.csv) column by column into `OUT_DIR`, so the
//! browser app carries about a third of their gzipped size; `src/data/packed.rs` (the same
//! code the app runs, included below) unpacks them, and this script refuses to build unless
//! every file comes back byte for byte. Read with the `csv` crate.

use std::collections::BTreeMap;
use std::path::Path;

#[path = "src/data/packed.rs"]
#[allow(dead_code)]
mod packed;

/// Each compiled-in file and the columns that name a series in it: a number is stored as its
/// change since the same column's last value for the same series.
const FILES: [(&str, &[&str]); 4] = [
    ("rtt_icb_monthly.csv", &["level", "icb_code"]),
    ("places.csv", &[]),
    ("icb_baseline.csv", &[]),
    ("icb_baseline_extended.csv", &[]),
];

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (name, series) in FILES {
        let path = format!("src/data/{name}");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let bytes = match pack(&text, series) {
            Some(bytes) if packed::unpack(&bytes) == text && numbers_read_as_parsed(&bytes) => {
                bytes
            }
            // Not a file this packing restores exactly: stored as it is.
            _ => {
                let mut bytes = Vec::new();
                varint(&mut bytes, packed::RAW);
                bytes.extend_from_slice(text.as_bytes());
                bytes
            }
        };
        assert_eq!(packed::unpack(&bytes), text, "{path} does not unpack");
        std::fs::write(Path::new(&out_dir).join(format!("{name}.packed")), bytes)
            .expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=src/data/packed.rs");
    println!("cargo:rerun-if-changed=build.rs");
}

/// The packed form (layout in src/data/packed.rs), or `None` for a file it does not fit.
fn pack(text: &str, series: &[&str]) -> Option<Vec<u8>> {
    let (header, _) = text.split_once('\n')?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader.headers().ok()?.iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.ok().map(|r| r.iter().map(String::from).collect()))
        .collect::<Option<_>>()?;
    if rows.iter().any(|r| r.len() != names.len()) || names.join(",") != header {
        return None;
    }
    let key_cols: Vec<usize> = series
        .iter()
        .map(|s| names.iter().position(|n| n == s))
        .collect::<Option<_>>()?;
    let mut group_of: BTreeMap<Vec<&str>, u64> = BTreeMap::new();
    let groups: Vec<u64> = rows
        .iter()
        .map(|r| {
            let key: Vec<&str> = key_cols.iter().map(|&c| r[c].as_str()).collect();
            let next = group_of.len() as u64;
            *group_of.entry(key).or_insert(next)
        })
        .collect();

    let mut out = Vec::new();
    varint(&mut out, packed::PACKED);
    varint(&mut out, header.len() as u64);
    out.extend_from_slice(header.as_bytes());
    varint(&mut out, names.len() as u64);
    varint(&mut out, rows.len() as u64);
    for &g in &groups {
        varint(&mut out, g);
    }
    for col in 0..names.len() {
        let cells: Vec<&str> = rows.iter().map(|r| r[col].as_str()).collect();
        match cells.iter().map(|c| number(c)).collect::<Option<Vec<_>>>() {
            Some(numbers) => {
                varint(&mut out, packed::NUMBER);
                for n in &numbers {
                    varint(
                        &mut out,
                        n.map_or(0, |(_, decimals, negative)| {
                            1 + 2 * decimals + negative as u64
                        }),
                    );
                }
                let mut last: BTreeMap<u64, i64> = BTreeMap::new();
                for (n, g) in numbers.iter().zip(&groups) {
                    if let Some((digits, _, _)) = n {
                        let prev = last.insert(*g, *digits).unwrap_or(0);
                        let change = digits - prev;
                        varint(&mut out, ((change << 1) ^ (change >> 63)) as u64);
                    }
                }
            }
            None => {
                varint(&mut out, packed::TEXT);
                let mut index: BTreeMap<&str, u64> = BTreeMap::new();
                let mut values = Vec::new();
                for c in &cells {
                    if !index.contains_key(c) {
                        index.insert(c, values.len() as u64);
                        values.push(*c);
                    }
                }
                varint(&mut out, values.len() as u64);
                for v in &values {
                    varint(&mut out, v.len() as u64);
                    out.extend_from_slice(v.as_bytes());
                }
                for c in &cells {
                    varint(&mut out, index[c]);
                }
            }
        }
    }
    Some(out)
}

/// A cell as (digits, decimals, negative) if it is a plain decimal that reads back the same
/// ("62.18", "-0.5", "193822"); `Some(None)` if empty; `None` if it is text.
fn number(cell: &str) -> Option<Option<(i64, u64, bool)>> {
    if cell.is_empty() {
        return Some(None);
    }
    let negative = cell.starts_with('-');
    let unsigned = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) || int.len() + frac.len() > 15 {
        return None;
    }
    let magnitude: i64 = format!("{int}{frac}").parse().ok()?;
    let digits = if negative { -magnitude } else { magnitude };
    let decimals = frac.len() as u64;
    (packed::number_text(digits, decimals, negative) == cell)
        .then_some(Some((digits, decimals, negative)))
}

/// Whether every number the app reads from the packed table is the very `f64` that
/// `str::parse` makes of its text (what the CSV readers did), bit for bit.
fn numbers_read_as_parsed(bytes: &[u8]) -> bool {
    let Ok(table) = packed::table(bytes) else {
        return false;
    };
    let text = table.text();
    let header = text.lines().next().unwrap_or_default();
    header.split(',').all(|name| {
        table.column(name).is_ok_and(|cells| {
            cells.iter().all(|cell| match cell.number() {
                Some(n) => cell.text().parse::<f64>().map(f64::to_bits) == Ok(n.to_bits()),
                None => true,
            })
        })
    })
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
