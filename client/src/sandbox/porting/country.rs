//! STUB until S1's country table lands (branch w12s1): E.164 calling code → ISO country for a
//! handful of codes. Replaced wholesale by the merge.

/// A country: its ISO 3166-1 alpha-2 code and its E.164 calling code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Country {
    pub(crate) iso: &'static str,
    pub(crate) calling_code: &'static str,
}

const TABLE: &[(&str, &str)] = &[
    ("1", "US"),
    ("33", "FR"),
    ("44", "GB"),
    ("49", "DE"),
    ("52", "MX"),
    ("55", "BR"),
    ("61", "AU"),
];

/// The country of a +E.164 number.
pub(crate) fn country_of(e164: &str) -> Option<Country> {
    let digits = e164.strip_prefix('+')?;
    TABLE
        .iter()
        .find(|(code, _)| digits.starts_with(code))
        .map(|(calling_code, iso)| Country { iso, calling_code })
}
