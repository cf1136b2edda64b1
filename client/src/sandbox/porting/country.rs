//! The country a +E.164 number belongs to: its ITU-T E.164 country calling code, from a
//! table, and within a code shared by several countries (the North American Numbering Plan's
//! `+1` above all) the national prefix that tells them apart.
//!
//! The sandbox uses it to split a new porting request into one order per country, as the API
//! does, to give each order the requirements of its country, and to fill the `country_code` of
//! number ranges.
//!
//! Knowingly simpler than the real numbering plans: within a shared code only the prefixes
//! listed in [`AREAS`] go to the other members (every other `+1` area code is the United
//! States, toll-free and other non-geographic NANP codes included); the international
//! non-geographic codes (`+800`, `+808`, `+870`, `+881`–`+883`, `+888`, `+979`) and unassigned
//! codes belong to no country.

/// A country as numbers tell it: its ISO 3166-1 alpha-2 code and its E.164 calling code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Country {
    /// The ISO 3166-1 alpha-2 code, upper case: `"US"`, `"CA"`, `"JM"`, `"GB"`, … (`"XK"`,
    /// the code in common use for Kosovo, is the one user-assigned code).
    pub(crate) iso: &'static str,
    /// The E.164 country calling code, digits only, without the `+`: `"1"`, `"44"`, `"358"`.
    pub(crate) calling_code: &'static str,
}

/// The country a +E.164 number belongs to, or `None` when it is not a `+` followed by digits,
/// or its calling code serves no country (international freephone and networks, unassigned).
///
/// The calling code is the longest of the 1- to 3-digit codes the number starts with (E.164
/// codes are prefix-free, so there is at most one); a code shared by several countries is then
/// told apart by the national prefix (for `+1`, the 3-digit area code).
pub(crate) fn country_of(e164: &str) -> Option<Country> {
    let digits = e164.strip_prefix('+')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // ASCII digits only from here, so every byte index is a char boundary.
    let (calling_code, iso) = (1..=3.min(digits.len()))
        .rev()
        .find_map(|len| lookup(CODES, |&(code, _)| code, &digits[..len]))?;
    let national = &digits[calling_code.len()..];
    let iso = (1..=MAX_AREA_LEN.min(national.len()))
        .rev()
        .find_map(|len| {
            let key = (calling_code, &national[..len]);
            AREAS
                .binary_search_by(|&(code, prefix, _)| (code, prefix).cmp(&key))
                .ok()
                .map(|i| AREAS[i].2)
        })
        .unwrap_or(iso);
    Some(Country { iso, calling_code })
}

/// The entry of a sorted table whose key is `key`.
fn lookup<T: Copy>(table: &[T], key_of: impl Fn(&T) -> &'static str, key: &str) -> Option<T> {
    table
        .binary_search_by(|entry| key_of(entry).cmp(key))
        .ok()
        .map(|i| table[i])
}

/// The longest national prefix in [`AREAS`].
const MAX_AREA_LEN: usize = 5;

/// The assigned geographic E.164 country calling codes (ITU-T E.164 list, as in use today),
/// sorted, each with the country it serves; where several share a code, the main one, the
/// others being found through [`AREAS`].
const CODES: &[(&str, &str)] = &[
    ("1", "US"),
    ("20", "EG"),
    ("211", "SS"),
    ("212", "MA"),
    ("213", "DZ"),
    ("216", "TN"),
    ("218", "LY"),
    ("220", "GM"),
    ("221", "SN"),
    ("222", "MR"),
    ("223", "ML"),
    ("224", "GN"),
    ("225", "CI"),
    ("226", "BF"),
    ("227", "NE"),
    ("228", "TG"),
    ("229", "BJ"),
    ("230", "MU"),
    ("231", "LR"),
    ("232", "SL"),
    ("233", "GH"),
    ("234", "NG"),
    ("235", "TD"),
    ("236", "CF"),
    ("237", "CM"),
    ("238", "CV"),
    ("239", "ST"),
    ("240", "GQ"),
    ("241", "GA"),
    ("242", "CG"),
    ("243", "CD"),
    ("244", "AO"),
    ("245", "GW"),
    ("246", "IO"),
    // Ascension Island: part of "Saint Helena, Ascension and Tristan da Cunha".
    ("247", "SH"),
    ("248", "SC"),
    ("249", "SD"),
    ("250", "RW"),
    ("251", "ET"),
    ("252", "SO"),
    ("253", "DJ"),
    ("254", "KE"),
    ("255", "TZ"),
    ("256", "UG"),
    ("257", "BI"),
    ("258", "MZ"),
    ("260", "ZM"),
    ("261", "MG"),
    ("262", "RE"),
    ("263", "ZW"),
    ("264", "NA"),
    ("265", "MW"),
    ("266", "LS"),
    ("267", "BW"),
    ("268", "SZ"),
    ("269", "KM"),
    ("27", "ZA"),
    ("290", "SH"),
    ("291", "ER"),
    ("297", "AW"),
    ("298", "FO"),
    ("299", "GL"),
    ("30", "GR"),
    ("31", "NL"),
    ("32", "BE"),
    ("33", "FR"),
    ("34", "ES"),
    ("350", "GI"),
    ("351", "PT"),
    ("352", "LU"),
    ("353", "IE"),
    ("354", "IS"),
    ("355", "AL"),
    ("356", "MT"),
    ("357", "CY"),
    ("358", "FI"),
    ("359", "BG"),
    ("36", "HU"),
    ("370", "LT"),
    ("371", "LV"),
    ("372", "EE"),
    ("373", "MD"),
    ("374", "AM"),
    ("375", "BY"),
    ("376", "AD"),
    ("377", "MC"),
    ("378", "SM"),
    ("379", "VA"),
    ("380", "UA"),
    ("381", "RS"),
    ("382", "ME"),
    ("383", "XK"),
    ("385", "HR"),
    ("386", "SI"),
    ("387", "BA"),
    ("389", "MK"),
    ("39", "IT"),
    ("40", "RO"),
    ("41", "CH"),
    ("420", "CZ"),
    ("421", "SK"),
    ("423", "LI"),
    ("43", "AT"),
    ("44", "GB"),
    ("45", "DK"),
    ("46", "SE"),
    ("47", "NO"),
    ("48", "PL"),
    ("49", "DE"),
    ("500", "FK"),
    ("501", "BZ"),
    ("502", "GT"),
    ("503", "SV"),
    ("504", "HN"),
    ("505", "NI"),
    ("506", "CR"),
    ("507", "PA"),
    ("508", "PM"),
    ("509", "HT"),
    ("51", "PE"),
    ("52", "MX"),
    ("53", "CU"),
    ("54", "AR"),
    ("55", "BR"),
    ("56", "CL"),
    ("57", "CO"),
    ("58", "VE"),
    // Guadeloupe; Saint Barthélemy and Saint Martin share its numbering.
    ("590", "GP"),
    ("591", "BO"),
    ("592", "GY"),
    ("593", "EC"),
    ("594", "GF"),
    ("595", "PY"),
    ("596", "MQ"),
    ("597", "SR"),
    ("598", "UY"),
    ("599", "CW"),
    ("60", "MY"),
    ("61", "AU"),
    ("62", "ID"),
    ("63", "PH"),
    ("64", "NZ"),
    ("65", "SG"),
    ("66", "TH"),
    ("670", "TL"),
    ("672", "NF"),
    ("673", "BN"),
    ("674", "NR"),
    ("675", "PG"),
    ("676", "TO"),
    ("677", "SB"),
    ("678", "VU"),
    ("679", "FJ"),
    ("680", "PW"),
    ("681", "WF"),
    ("682", "CK"),
    ("683", "NU"),
    ("685", "WS"),
    ("686", "KI"),
    ("687", "NC"),
    ("688", "TV"),
    ("689", "PF"),
    ("690", "TK"),
    ("691", "FM"),
    ("692", "MH"),
    ("7", "RU"),
    ("81", "JP"),
    ("82", "KR"),
    ("84", "VN"),
    ("850", "KP"),
    ("852", "HK"),
    ("853", "MO"),
    ("855", "KH"),
    ("856", "LA"),
    ("86", "CN"),
    ("880", "BD"),
    ("886", "TW"),
    ("90", "TR"),
    ("91", "IN"),
    ("92", "PK"),
    ("93", "AF"),
    ("94", "LK"),
    ("95", "MM"),
    ("960", "MV"),
    ("961", "LB"),
    ("962", "JO"),
    ("963", "SY"),
    ("964", "IQ"),
    ("965", "KW"),
    ("966", "SA"),
    ("967", "YE"),
    ("968", "OM"),
    ("970", "PS"),
    ("971", "AE"),
    ("972", "IL"),
    ("973", "BH"),
    ("974", "QA"),
    ("975", "BT"),
    ("976", "MN"),
    ("977", "NP"),
    ("98", "IR"),
    ("992", "TJ"),
    ("993", "TM"),
    ("994", "AZ"),
    ("995", "GE"),
    ("996", "KG"),
    ("998", "UZ"),
];

/// National prefixes within a shared calling code that belong to another country than the
/// code's main one: `(calling code, national prefix, ISO code)`, sorted.
///
/// For `+1` these are the NANP area codes of Canada and of the Caribbean and Pacific members
/// (the US territories included, under their own ISO codes); every other area code is the US.
const AREAS: &[(&str, &str, &str)] = &[
    // The NANP: Canada (its geographic area codes, plus the non-geographic 600 and 622) and
    // the other members, in area-code order.
    ("1", "204", "CA"),
    ("1", "226", "CA"),
    ("1", "236", "CA"),
    ("1", "242", "BS"),
    ("1", "246", "BB"),
    ("1", "249", "CA"),
    ("1", "250", "CA"),
    ("1", "257", "CA"),
    ("1", "263", "CA"),
    ("1", "264", "AI"),
    ("1", "268", "AG"),
    ("1", "284", "VG"),
    ("1", "289", "CA"),
    ("1", "306", "CA"),
    ("1", "340", "VI"),
    ("1", "343", "CA"),
    ("1", "345", "KY"),
    ("1", "354", "CA"),
    ("1", "365", "CA"),
    ("1", "367", "CA"),
    ("1", "368", "CA"),
    ("1", "382", "CA"),
    ("1", "403", "CA"),
    ("1", "416", "CA"),
    ("1", "418", "CA"),
    ("1", "428", "CA"),
    ("1", "431", "CA"),
    ("1", "437", "CA"),
    ("1", "438", "CA"),
    ("1", "441", "BM"),
    ("1", "450", "CA"),
    ("1", "468", "CA"),
    ("1", "473", "GD"),
    ("1", "474", "CA"),
    ("1", "506", "CA"),
    ("1", "514", "CA"),
    ("1", "519", "CA"),
    ("1", "548", "CA"),
    ("1", "579", "CA"),
    ("1", "581", "CA"),
    ("1", "584", "CA"),
    ("1", "587", "CA"),
    ("1", "600", "CA"),
    ("1", "604", "CA"),
    ("1", "613", "CA"),
    ("1", "622", "CA"),
    ("1", "639", "CA"),
    ("1", "647", "CA"),
    ("1", "649", "TC"),
    ("1", "658", "JM"),
    ("1", "664", "MS"),
    ("1", "670", "MP"),
    ("1", "671", "GU"),
    ("1", "672", "CA"),
    ("1", "683", "CA"),
    ("1", "684", "AS"),
    ("1", "705", "CA"),
    ("1", "709", "CA"),
    ("1", "721", "SX"),
    ("1", "742", "CA"),
    ("1", "753", "CA"),
    ("1", "758", "LC"),
    ("1", "767", "DM"),
    ("1", "778", "CA"),
    ("1", "780", "CA"),
    ("1", "782", "CA"),
    ("1", "784", "VC"),
    ("1", "787", "PR"),
    ("1", "807", "CA"),
    ("1", "809", "DO"),
    ("1", "819", "CA"),
    ("1", "825", "CA"),
    ("1", "829", "DO"),
    ("1", "849", "DO"),
    ("1", "867", "CA"),
    ("1", "868", "TT"),
    ("1", "869", "KN"),
    ("1", "873", "CA"),
    ("1", "876", "JM"),
    ("1", "879", "CA"),
    ("1", "902", "CA"),
    ("1", "905", "CA"),
    ("1", "939", "PR"),
    ("1", "942", "CA"),
    // Mayotte within Réunion's code.
    ("262", "269", "YT"),
    ("262", "639", "YT"),
    // Åland within Finland's.
    ("358", "18", "AX"),
    // Vatican City within Italy's (+39 06 698).
    ("39", "06698", "VA"),
    // Guernsey, Jersey and the Isle of Man within the UK's (their fixed-line area codes).
    ("44", "1481", "GG"),
    ("44", "1534", "JE"),
    ("44", "1624", "IM"),
    // Svalbard within Norway's.
    ("47", "79", "SJ"),
    // Bonaire, Sint Eustatius and Saba within Curaçao's.
    ("599", "3", "BQ"),
    ("599", "4", "BQ"),
    ("599", "7", "BQ"),
    // Christmas Island and the Cocos (Keeling) Islands within Australia's.
    ("61", "89162", "CC"),
    ("61", "89164", "CX"),
    // Kazakhstan within Russia's.
    ("7", "6", "KZ"),
    ("7", "7", "KZ"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(number: &str) -> Option<&'static str> {
        country_of(number).map(|c| c.iso)
    }

    #[test]
    fn the_calling_code_decides_not_the_first_digit() {
        assert_eq!(iso("+442071838750"), Some("GB"));
        assert_eq!(iso("+4930244999900"), Some("DE"));
        assert_eq!(iso("+33142685300"), Some("FR"));
        assert_eq!(iso("+353151234567"), Some("IE"));
        assert_eq!(iso("+35312345678"), Some("IE"));
        assert_eq!(iso("+35212345678"), Some("LU"));
        assert_eq!(iso("+61291234567"), Some("AU"));
        assert_eq!(iso("+27211234567"), Some("ZA"));
        assert_eq!(iso("+2348012345678"), Some("NG"));
        assert_eq!(iso("+971501234567"), Some("AE"));
        let gb = country_of("+442071838750").unwrap();
        assert_eq!(gb.calling_code, "44");
        assert_eq!(country_of("+35312345678").unwrap().calling_code, "353");
    }

    #[test]
    fn nanp_area_codes_tell_us_canada_and_the_caribbean_apart() {
        for (number, expected) in [
            ("+13035550000", "US"),
            ("+12125550000", "US"),
            ("+18005550000", "US"),
            ("+14165550000", "CA"),
            ("+16045550000", "CA"),
            ("+15145550000", "CA"),
            ("+19025550000", "CA"),
            ("+18765550000", "JM"),
            ("+16585550000", "JM"),
            ("+17875550000", "PR"),
            ("+18095550000", "DO"),
            ("+12425550000", "BS"),
            ("+14415550000", "BM"),
            ("+16715550000", "GU"),
            ("+18685550000", "TT"),
        ] {
            let country = country_of(number).unwrap();
            assert_eq!(country.iso, expected, "{number}");
            assert_eq!(country.calling_code, "1", "{number}");
        }
        // An area code cut short is still the NANP, and the US by default.
        assert_eq!(iso("+1"), Some("US"));
        assert_eq!(iso("+141"), Some("US"));
    }

    #[test]
    fn shared_codes_go_to_the_member_by_national_prefix() {
        assert_eq!(iso("+77012345678"), Some("KZ"));
        assert_eq!(iso("+74951234567"), Some("RU"));
        assert_eq!(iso("+358181234567"), Some("AX"));
        assert_eq!(iso("+358912345678"), Some("FI"));
        assert_eq!(iso("+441481123456"), Some("GG"));
        assert_eq!(iso("+441624123456"), Some("IM"));
        assert_eq!(iso("+390669812345"), Some("VA"));
        assert_eq!(iso("+390612345678"), Some("IT"));
        assert_eq!(iso("+262269123456"), Some("YT"));
        assert_eq!(iso("+262262123456"), Some("RE"));
        assert_eq!(iso("+59971234567"), Some("BQ"));
        assert_eq!(iso("+59991234567"), Some("CW"));
        let kz = country_of("+77012345678").unwrap();
        assert_eq!(kz.calling_code, "7");
    }

    #[test]
    fn no_country_for_what_is_not_a_geographic_e164_number() {
        for number in [
            "",
            "+",
            "44207",
            "+44 20",
            "+44-20",
            "++44",
            "+८८", // non-ASCII digits: no panic, no country
            "+é",
            "+80012345678",
            "+88212345678",
            "+0123",
            "+2101234",
            "+999",
        ] {
            assert_eq!(country_of(number), None, "{number:?}");
        }
    }

    fn assert_sorted_and_unique<K: Ord + std::fmt::Debug>(keys: &[K]) {
        for pair in keys.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{:?} must come before {:?}",
                pair[0],
                pair[1]
            );
        }
    }

    fn is_iso(code: &str) -> bool {
        code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
    }

    #[test]
    fn the_code_table_is_sorted_prefix_free_and_well_formed() {
        let codes: Vec<&str> = CODES.iter().map(|&(code, _)| code).collect();
        assert_sorted_and_unique(&codes);
        for &(code, iso) in CODES {
            assert!((1..=3).contains(&code.len()), "{code}");
            assert!(code.bytes().all(|b| b.is_ascii_digit()), "{code}");
            assert!(!code.starts_with('0'), "{code}");
            assert!(is_iso(iso), "{code}: {iso}");
            // E.164 codes are prefix-free: no code begins another.
            for &(other, _) in CODES {
                assert!(
                    other == code || !other.starts_with(code),
                    "{code} and {other}"
                );
            }
        }
    }

    #[test]
    fn the_area_table_is_sorted_and_names_known_codes() {
        let keys: Vec<(&str, &str)> = AREAS.iter().map(|&(c, p, _)| (c, p)).collect();
        assert_sorted_and_unique(&keys);
        for &(code, prefix, iso) in AREAS {
            assert!(CODES.iter().any(|&(c, _)| c == code), "{code}");
            assert!((1..=MAX_AREA_LEN).contains(&prefix.len()), "{prefix}");
            assert!(prefix.bytes().all(|b| b.is_ascii_digit()), "{prefix}");
            assert!(is_iso(iso), "{code} {prefix}: {iso}");
            if code == "1" {
                // NANP area codes: NXX, N from 2 to 9.
                assert_eq!(prefix.len(), 3, "{prefix}");
                assert!(!prefix.starts_with(['0', '1']), "{prefix}");
            }
        }
    }
}
