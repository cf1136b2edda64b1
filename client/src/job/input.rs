//! What a job is given: the [`EndUser`], the documents ([`DocumentSource`]) and the requested
//! FOC date ([`FocDate`]).

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use time::{Date, Month, OffsetDateTime};
use uuid::Uuid;

use crate::models::{
    CreateDocServiceDocumentRequest, UpdatePortingOrderEndUser, UpdatePortingOrderEndUserAdmin,
    UpdatePortingOrderEndUserLocation, is_phone_number,
};
use crate::{Error, Result};

/// Who owns the numbers with the losing carrier, and where: the order's `end_user.admin` and
/// `end_user.location`. Everything must match the carrier's records, or the port is rejected.
///
/// Start from [`EndUser::new`] and set each field; [`build`](super::PortingJobBuilder::build)
/// refuses a required one left empty. Its `Debug` hides the PIN.
///
/// ```
/// use telnyx_porting::job::EndUser;
///
/// let end_user = EndUser::new()
///     .entity_name("Acme Corp")
///     .auth_person_name("Jane Doe")
///     .billing_phone_number("+13035550000")
///     .account_number("123abc")
///     .pin_passcode("1234")
///     .street_address("600 Congress Avenue")
///     .extended_address("14th Floor")
///     .locality("Austin")
///     .administrative_area("TX")
///     .postal_code("78701")
///     .country_code("US");
/// assert_eq!(end_user.locality, "Austin");
/// assert!(!format!("{end_user:?}").contains("1234"));
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EndUser {
    /// The person or company that owns the numbers (`end_user.admin.entity_name`). Required.
    pub entity_name: String,
    /// The person authorized to release the numbers, who signs the LOA
    /// (`end_user.admin.auth_person_name`). Required.
    pub auth_person_name: String,
    /// The billing telephone number of the account (`end_user.admin.billing_phone_number`).
    /// Required: digits, optionally after a `+`.
    pub billing_phone_number: String,
    /// The account number with the losing carrier (`end_user.admin.account_number`).
    /// Required.
    pub account_number: String,
    /// The account's PIN or passcode (`end_user.admin.pin_passcode`), when it has one.
    pub pin_passcode: Option<String>,
    /// The street address (`end_user.location.street_address`). Required.
    pub street_address: String,
    /// Floor, suite and the like (`end_user.location.extended_address`).
    pub extended_address: Option<String>,
    /// The city or town (`end_user.location.locality`). Required.
    pub locality: String,
    /// The state or province (`end_user.location.administrative_area`). Required.
    pub administrative_area: String,
    /// The postal code (`end_user.location.postal_code`). Required.
    pub postal_code: String,
    /// The ISO 3166-1 alpha-2 country code, such as `US` (`end_user.location.country_code`).
    /// Required; written in upper case when sent.
    pub country_code: String,
}

macro_rules! string_setters {
    ($($field:ident),+ $(,)?) => {
        $(
            #[doc = concat!("Sets `", stringify!($field), "`.")]
            pub fn $field(mut self, value: impl Into<String>) -> Self {
                self.$field = value.into();
                self
            }
        )+
    };
}

impl EndUser {
    /// An end user with nothing set yet.
    pub fn new() -> Self {
        Self::default()
    }

    string_setters! {
        entity_name, auth_person_name, billing_phone_number, account_number,
        street_address, locality, administrative_area, postal_code, country_code,
    }

    /// Sets the PIN or passcode.
    pub fn pin_passcode(mut self, value: impl Into<String>) -> Self {
        self.pin_passcode = Some(value.into());
        self
    }

    /// Sets the extended address (floor, suite).
    pub fn extended_address(mut self, value: impl Into<String>) -> Self {
        self.extended_address = Some(value.into());
        self
    }

    /// Checks every field: the required ones set, the billing number a number, the country
    /// code two letters. The first problem is an [`Error::InvalidInput`] naming
    /// `end_user.<field>`.
    pub(crate) fn validate(&self) -> Result<()> {
        let required = [
            ("entity_name", &self.entity_name),
            ("auth_person_name", &self.auth_person_name),
            ("billing_phone_number", &self.billing_phone_number),
            ("account_number", &self.account_number),
            ("street_address", &self.street_address),
            ("locality", &self.locality),
            ("administrative_area", &self.administrative_area),
            ("postal_code", &self.postal_code),
            ("country_code", &self.country_code),
        ];
        for (field, value) in required {
            if value.trim().is_empty() {
                return Err(Error::invalid_input(
                    format!("end_user.{field}"),
                    value.as_str(),
                    "is required: the losing carrier matches it against its records",
                ));
            }
        }
        if !is_phone_number(self.billing_phone_number.trim()) {
            return Err(Error::invalid_input(
                "end_user.billing_phone_number",
                self.billing_phone_number.as_str(),
                "is not a phone number: write digits, optionally after '+' (e.g. +13035550000)",
            ));
        }
        let code = self.country_code.trim();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(Error::invalid_input(
                "end_user.country_code",
                self.country_code.as_str(),
                "is not an ISO 3166-1 alpha-2 country code (two letters, e.g. US)",
            ));
        }
        for (field, value) in [
            ("pin_passcode", &self.pin_passcode),
            ("extended_address", &self.extended_address),
        ] {
            if value.as_ref().is_some_and(|v| v.trim().is_empty()) {
                return Err(Error::invalid_input(
                    format!("end_user.{field}"),
                    "",
                    "is empty: leave it unset instead",
                ));
            }
        }
        Ok(())
    }

    /// The `end_user` object of a PATCH.
    pub(crate) fn to_update(&self) -> UpdatePortingOrderEndUser {
        let mut admin = UpdatePortingOrderEndUserAdmin::new()
            .entity_name(self.entity_name.trim())
            .auth_person_name(self.auth_person_name.trim())
            .billing_phone_number(self.billing_phone_number.trim())
            .account_number(self.account_number.trim());
        if let Some(pin) = &self.pin_passcode {
            admin = admin.pin_passcode(pin.trim());
        }
        let mut location = UpdatePortingOrderEndUserLocation::new()
            .street_address(self.street_address.trim())
            .locality(self.locality.trim())
            .administrative_area(self.administrative_area.trim())
            .postal_code(self.postal_code.trim())
            .country_code(self.country_code.trim().to_ascii_uppercase());
        if let Some(extended) = &self.extended_address {
            location = location.extended_address(extended.trim());
        }
        UpdatePortingOrderEndUser::new()
            .admin(admin)
            .location(location)
    }
}

/// Every field but the PIN, which shows as `"<redacted>"`.
impl fmt::Debug for EndUser {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EndUser")
            .field("entity_name", &self.entity_name)
            .field("auth_person_name", &self.auth_person_name)
            .field("billing_phone_number", &self.billing_phone_number)
            .field("account_number", &self.account_number)
            .field(
                "pin_passcode",
                &self.pin_passcode.as_ref().map(|_| "<redacted>"),
            )
            .field("street_address", &self.street_address)
            .field("extended_address", &self.extended_address)
            .field("locality", &self.locality)
            .field("administrative_area", &self.administrative_area)
            .field("postal_code", &self.postal_code)
            .field("country_code", &self.country_code)
            .finish()
    }
}

/// Where the LOA or the invoice comes from: a file, bytes in memory, or a document already
/// uploaded through the Documents API.
///
/// A file is checked at [`build`](super::PortingJobBuilder::build) (it must exist) and read
/// when it is uploaded; an upload is at most 20 MB. Cloning shares the bytes.
///
/// ```
/// use telnyx_porting::job::DocumentSource;
///
/// let loa = DocumentSource::bytes("loa.pdf", b"%PDF-1.4 ...".to_vec());
/// assert_eq!(loa.filename(), Some("loa.pdf"));
/// let invoice = DocumentSource::path("bills/2026-11.pdf");
/// assert_eq!(invoice.filename(), Some("2026-11.pdf"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct DocumentSource(Source);

#[derive(Clone, PartialEq, Eq)]
enum Source {
    Path(PathBuf),
    Bytes { filename: String, bytes: Arc<[u8]> },
    Uploaded(Uuid),
}

impl DocumentSource {
    /// The file at `path`, uploaded under its file name.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        DocumentSource(Source::Path(path.into()))
    }

    /// `bytes`, uploaded under `filename`.
    pub fn bytes(filename: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        DocumentSource(Source::Bytes {
            filename: filename.into(),
            bytes: bytes.into().into(),
        })
    }

    /// A document already uploaded (`POST /documents`), by its id: attached as it is, never
    /// uploaded again. The API deletes a document that no order names within 30 minutes of
    /// its upload.
    pub fn uploaded(id: Uuid) -> Self {
        DocumentSource(Source::Uploaded(id))
    }

    /// The filename it is uploaded under (`None` for an [`uploaded`](Self::uploaded) one, or a
    /// path without a UTF-8 file name).
    pub fn filename(&self) -> Option<&str> {
        match &self.0 {
            Source::Path(path) => path.file_name().and_then(|n| n.to_str()),
            Source::Bytes { filename, .. } => Some(filename),
            Source::Uploaded(_) => None,
        }
    }

    /// The path, for a file.
    pub fn as_path(&self) -> Option<&Path> {
        match &self.0 {
            Source::Path(path) => Some(path),
            _ => None,
        }
    }

    /// The id, for an [`uploaded`](Self::uploaded) document.
    pub fn uploaded_id(&self) -> Option<Uuid> {
        match &self.0 {
            Source::Uploaded(id) => Some(*id),
            _ => None,
        }
    }

    /// Checks what can be checked before the job runs: a file exists and is a file, bytes
    /// are not empty and make a valid upload.
    pub(crate) fn validate(&self, field: &str) -> Result<()> {
        use crate::Validate;
        match &self.0 {
            Source::Path(path) => {
                if !path.is_file() {
                    return Err(Error::invalid_input(
                        field,
                        path.display().to_string(),
                        "is not a file that can be read",
                    ));
                }
                Ok(())
            }
            Source::Bytes { filename, bytes } => {
                if bytes.is_empty() {
                    return Err(Error::invalid_input(field, filename.as_str(), "is empty"));
                }
                CreateDocServiceDocumentRequest::from_bytes(filename.as_str(), &bytes[..])
                    .validate()
                    .map_err(|e| rename_field(e, field))
            }
            Source::Uploaded(_) => Ok(()),
        }
    }

    /// The upload request (`None` for an already uploaded document). A file is read here.
    pub(crate) fn upload_request(&self) -> Result<Option<CreateDocServiceDocumentRequest>> {
        match &self.0 {
            Source::Path(path) => CreateDocServiceDocumentRequest::from_path(path).map(Some),
            Source::Bytes { filename, bytes } => Ok(Some(
                CreateDocServiceDocumentRequest::from_bytes(filename.as_str(), &bytes[..]),
            )),
            Source::Uploaded(_) => Ok(None),
        }
    }
}

/// Prefixes an invalid-input error's field with `field` (`loa.filename`).
fn rename_field(error: Error, field: &str) -> Error {
    match error {
        Error::InvalidInput(mut bad) => {
            bad.field = format!("{field}.{}", bad.field);
            Error::InvalidInput(bad)
        }
        other => other,
    }
}

/// The path, the filename and length, or the id: never the bytes.
impl fmt::Debug for DocumentSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::Path(path) => f.debug_tuple("Path").field(path).finish(),
            Source::Bytes { filename, bytes } => f
                .debug_struct("Bytes")
                .field("filename", filename)
                .field("len", &bytes.len())
                .finish(),
            Source::Uploaded(id) => f.debug_tuple("Uploaded").field(id).finish(),
        }
    }
}

/// The FOC (firm order commitment) date to ask for: when the numbers move.
///
/// Each order's date is chosen from that order's allowed windows
/// (`GET /porting_orders/{id}/allowed_foc_windows`), which exist only once the draft does. A
/// date outside every window is not sent: the order's report lists
/// `/activation_settings/foc_datetime_requested` as missing, with the windows.
///
/// Parses from `earliest`, a date (`2026-12-10`: the first allowed time that day, UTC) or an
/// RFC 3339 date-time (`2026-12-10T15:00:00Z`), as a command line takes it.
///
/// ```
/// use telnyx_porting::job::FocDate;
///
/// assert_eq!("earliest".parse::<FocDate>()?, FocDate::Earliest);
/// assert!(matches!("2026-12-10".parse::<FocDate>()?, FocDate::On(_)));
/// assert!(matches!("2026-12-10T15:00:00Z".parse::<FocDate>()?, FocDate::At(_)));
/// assert!("next week".parse::<FocDate>().is_err());
/// # Ok::<(), telnyx_porting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FocDate {
    /// The start of the earliest allowed window still ahead.
    #[default]
    Earliest,
    /// The first allowed time on this date (UTC).
    On(Date),
    /// This exact time, which must fall inside an allowed window.
    At(OffsetDateTime),
}

impl FromStr for FocDate {
    type Err = Error;

    /// # Errors
    ///
    /// [`Error::InvalidInput`] naming `foc` for anything else.
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("earliest") {
            return Ok(FocDate::Earliest);
        }
        if let Ok(at) = OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339) {
            return Ok(FocDate::At(at));
        }
        parse_date(s).map(FocDate::On).ok_or_else(|| {
            Error::invalid_input(
                "foc",
                s,
                "is not 'earliest', a date (2026-12-10) or an RFC 3339 date-time \
                 (2026-12-10T15:00:00Z)",
            )
        })
    }
}

/// `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<Date> {
    let mut parts = s.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}
