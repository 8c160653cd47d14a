//! The compiled-in CSV files, packed at build time (`build.rs`) and unpacked here to their
//! exact text, byte for byte, so every reader of the data stays as it is.
//!
//! Why: the text of `rtt_icb_monthly.csv`, `places.csv` and the two baseline files was 109 KB
//! of the browser app's wasm (43 KB gzipped). Packed, each column is stored on its own: text
//! as a dictionary, numbers as integers (the digits without the decimal point) that differ
//! from the same column's previous value for the same system (a month of an ICB's waiting
//! list is close to the month before), so gzip finds far more to share. `build.rs` unpacks
//! every file with this module and refuses to build unless the text comes back identical; a
//! file it cannot pack that way is stored as it is (kind [`RAW`]).
//!
//! Layout, every integer an unsigned LEB128 varint (signed ones zigzag-encoded):
//! `kind`; for [`RAW`] the text follows. For [`PACKED`]: the header line (length, bytes),
//! the number of columns and of rows, each row's group (the values of the columns that name a
//! series, as a small number), then each column: [`TEXT`] with its distinct values (count,
//! then length and bytes each) and each row's index into them, or [`NUMBER`] with each row's
//! shape (0 empty, else 1 + 2 x decimals + 1 if negative) and, for every row not empty, the
//! change in its digits since the column's last value in the row's group (from 0).
//!
//! No unsafe, no panics on the compiled-in bytes other than through the tests' assertions:
//! `build.rs` has checked them.

/// A file stored as it is.
pub const RAW: u64 = 0;
/// A file stored column by column.
pub const PACKED: u64 = 1;
/// A column of text.
pub const TEXT: u64 = 0;
/// A column of decimal numbers.
pub const NUMBER: u64 = 1;

/// Reads packed bytes back into the CSV text they were made from.
// build.rs and the tests restore the text; the app reads the columns only.
#[allow(dead_code)]
pub fn unpack(bytes: &[u8]) -> String {
    match table(bytes) {
        Ok(table) => table.text(),
        Err(text) => text,
    }
}

/// A compiled-in file read column by column: its header line and each column's cells.
pub struct Table {
    #[allow(dead_code)] // build.rs and the tests
    header: String,
    names: Vec<String>,
    columns: Vec<Vec<Cell>>,
}

/// One cell: text, or a decimal number as written (digits, decimals, sign), or empty.
#[derive(Clone)]
pub enum Cell {
    Empty,
    Text(String),
    Number {
        digits: i64,
        decimals: u64,
        negative: bool,
    },
}

impl Cell {
    /// The number, exactly as `str::parse::<f64>` reads its text: the digits (below 2^53) and
    /// the power of ten (at most 10^15) are exact, and one division rounds correctly.
    pub fn number(&self) -> Option<f64> {
        match *self {
            Cell::Number {
                digits,
                decimals,
                negative,
            } => {
                let magnitude = digits.unsigned_abs() as f64 / 10f64.powi(decimals as i32);
                Some(if negative { -magnitude } else { magnitude })
            }
            _ => None,
        }
    }

    /// The cell's text as written in the file.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            &Cell::Number {
                digits,
                decimals,
                negative,
            } => number_text(digits, decimals, negative),
        }
    }
}

impl Table {
    /// The cells of the column with this header name, one a row.
    pub fn column(&self, name: &str) -> Result<&[Cell], String> {
        self.names
            .iter()
            .position(|n| n == name)
            .map(|i| self.columns[i].as_slice())
            .ok_or_else(|| format!("missing column {name}"))
    }

    /// How many rows (the header not counted).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// The CSV text, byte for byte as the file was.
    #[allow(dead_code)] // build.rs and the tests
    pub fn text(&self) -> String {
        let mut text = self.header.clone();
        text.push('\n');
        for row in 0..self.rows() {
            for (i, column) in self.columns.iter().enumerate() {
                if i > 0 {
                    text.push(',');
                }
                push_field(&mut text, &column[row].text());
            }
            text.push('\n');
        }
        text
    }
}

/// The packed file as a table, or its text if it was stored as it is.
pub fn table(bytes: &[u8]) -> Result<Table, String> {
    let mut r = Reader { bytes, at: 0 };
    let kind = r.varint();
    if kind != PACKED {
        debug_assert_eq!(kind, RAW);
        return Err(r.text(bytes.len() - r.at));
    }
    let header_len = r.varint() as usize;
    let header = r.text(header_len);
    let (cols, rows) = (r.varint() as usize, r.varint() as usize);
    let groups: Vec<usize> = (0..rows).map(|_| r.varint() as usize).collect();
    let group_count = groups.iter().max().map_or(0, |g| g + 1);
    let mut columns = Vec::with_capacity(cols);
    for _ in 0..cols {
        let kind = r.varint();
        if kind == NUMBER {
            let shapes: Vec<u64> = (0..rows).map(|_| r.varint()).collect();
            let mut last = vec![0i64; group_count];
            let column = shapes
                .into_iter()
                .zip(&groups)
                .map(|(shape, &group)| {
                    if shape == 0 {
                        return Cell::Empty;
                    }
                    let change = r.varint();
                    let digits = last[group] + ((change >> 1) as i64 ^ -((change & 1) as i64));
                    last[group] = digits;
                    Cell::Number {
                        digits,
                        decimals: (shape - 1) / 2,
                        negative: (shape - 1) % 2 == 1,
                    }
                })
                .collect();
            columns.push(column);
        } else {
            debug_assert_eq!(kind, TEXT);
            let count = r.varint() as usize;
            let values: Vec<String> = (0..count)
                .map(|_| {
                    let len = r.varint() as usize;
                    r.text(len)
                })
                .collect();
            columns.push(
                (0..rows)
                    .map(|_| match values[r.varint() as usize].as_str() {
                        "" => Cell::Empty,
                        v => Cell::Text(v.to_string()),
                    })
                    .collect(),
            );
        }
    }
    let names = csv_header_names(&header);
    Ok(Table {
        header,
        names,
        columns,
    })
}

/// The column names of a header line (plain names: no quoting in these files' headers).
fn csv_header_names(header: &str) -> Vec<String> {
    header.split(',').map(String::from).collect()
}

/// `digits` with `decimals` of them after the point: (6218, 2) is "62.18", (5, 2) "0.05".
pub fn number_text(digits: i64, decimals: u64, negative: bool) -> String {
    let decimals = decimals as usize;
    let mut s = format!("{:0width$}", digits.unsigned_abs(), width = decimals + 1);
    if decimals > 0 {
        s.insert(s.len() - decimals, '.');
    }
    if negative {
        s.insert(0, '-');
    }
    s
}

/// A field as a CSV writer quotes it: in double quotes (and its quotes doubled) only if it
/// holds a comma, a quote or a line break.
#[allow(dead_code)] // build.rs and the tests
pub fn push_field(text: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        text.push('"');
        text.push_str(&field.replace('"', "\"\""));
        text.push('"');
    } else {
        text.push_str(field);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let byte = self.bytes[self.at];
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return value;
            }
            shift += 7;
        }
    }

    fn text(&mut self, len: usize) -> String {
        let s = String::from_utf8_lossy(&self.bytes[self.at..self.at + len]).into_owned();
        self.at += len;
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compiled_in_file_unpacks_to_its_csv_text() {
        let files: [(&[u8], &str); 4] = [
            (
                include_bytes!(concat!(env!("OUT_DIR"), "/rtt_icb_monthly.csv.packed")),
                include_str!("rtt_icb_monthly.csv"),
            ),
            (
                include_bytes!(concat!(env!("OUT_DIR"), "/places.csv.packed")),
                include_str!("places.csv"),
            ),
            (
                include_bytes!(concat!(env!("OUT_DIR"), "/icb_baseline.csv.packed")),
                include_str!("icb_baseline.csv"),
            ),
            (
                include_bytes!(concat!(
                    env!("OUT_DIR"),
                    "/icb_baseline_extended.csv.packed"
                )),
                include_str!("icb_baseline_extended.csv"),
            ),
        ];
        for (packed, text) in files {
            assert_eq!(unpack(packed), text);
            // Packed, not stored as they are: the point of the module.
            assert_eq!(packed[0] as u64, PACKED);
            assert!(packed.len() < text.len() * 3 / 4, "{}", packed.len());
        }
    }

    #[test]
    fn numbers_read_back_with_their_decimals_and_sign() {
        assert_eq!(number_text(6218, 2, false), "62.18");
        assert_eq!(number_text(5, 2, false), "0.05");
        assert_eq!(number_text(540, 1, false), "54.0");
        assert_eq!(number_text(0, 0, true), "-0");
        assert_eq!(number_text(-125, 1, true), "-12.5");
        assert_eq!(number_text(193_822, 0, false), "193822");
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let mut s = String::new();
        push_field(&mut s, "NHS Leicester, Leicestershire and Rutland");
        s.push(',');
        push_field(&mut s, "QK1");
        s.push(',');
        push_field(&mut s, "a \"b\"");
        assert_eq!(
            s,
            "\"NHS Leicester, Leicestershire and Rutland\",QK1,\"a \"\"b\"\"\""
        );
    }
}
