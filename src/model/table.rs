//! Tables whose rows name the enum variant they describe.
//!
//! [`keyed_table!`] makes the enum, its `ALL` list and the table from one list of
//! `Variant => row` pairs, so a variant and its row cannot fall out of step: adding one is
//! one row. Used for the metrics (`projection`) and for the levers and assumptions
//! (`levers`).

/// Declares `enum $name` and `const $table: [$row; $name::COUNT]` from `Variant => row`
/// pairs, with `ALL` (table order), `COUNT`, `spec()` (the variant's row) and `key()` (the
/// row's `key` field).
macro_rules! keyed_table {
    (
        $(#[$enum_meta:meta])*
        enum $name:ident;
        $(#[$table_meta:meta])*
        const $table:ident: [$row:ty] = {
            $($variant:ident => $spec:expr),+ $(,)?
        }
    ) => {
        $(#[$enum_meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($variant),+
        }

        $(#[$table_meta])*
        pub const $table: [$row; $name::COUNT] = [$($spec),+];

        impl $name {
            /// Every variant, in table order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const COUNT: usize = $name::ALL.len();

            /// This variant's row of the table.
            pub fn spec(self) -> &'static $row {
                &$table[self as usize]
            }

            /// The key files, links and the command line use.
            pub fn key(self) -> &'static str {
                self.spec().key
            }
        }
    };
}

pub(crate) use keyed_table;
