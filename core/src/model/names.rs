//! Enums named in JSON and on the command line: their names come from strum's derives
//! (`IntoStaticStr`, `VariantArray`); reading one back says what the names are, and
//! [`display_by_name!`](crate::display_by_name) writes one by its name.

/// The variant of `T` named `text`, or an error naming `what` and every name.
///
/// ```
/// use err::model::{parse_name, Kind};
/// assert_eq!(parse_name::<Kind>("trap", "kind"), Ok(Kind::Trap));
/// let e = parse_name::<Kind>("oops", "kind").unwrap_err();
/// assert!(e.starts_with("unknown kind \"oops\" (one of: panic, js-error,"));
/// ```
pub fn parse_name<T>(text: &str, what: &str) -> Result<T, String>
where
    T: strum::VariantArray + Copy + Into<&'static str>,
{
    T::VARIANTS
        .iter()
        .copied()
        .find(|v| Into::<&'static str>::into(*v) == text)
        .ok_or_else(|| {
            let names: Vec<&'static str> = T::VARIANTS.iter().map(|v| (*v).into()).collect();
            format!("unknown {what} {text:?} (one of: {})", names.join(", "))
        })
}

/// `Display` by the variant's name (`as_str`), for the named enums: `f.write_str`, not
/// strum's padding `Display`, which costs the browser build code it never uses.
#[doc(hidden)]
#[macro_export]
macro_rules! display_by_name {
    ($($name:ty),+) => {$(
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    )+};
}
