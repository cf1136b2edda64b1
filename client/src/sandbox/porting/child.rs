//! Records attached to a porting order: comments, additional documents, verification codes,
//! activation jobs and action requirements. Each is a compact typed record (ids, [`Stamp`]s,
//! small enums, boxed strings) written as the API's JSON by `Serialize`, with the keys in
//! alphabetical order as the sandbox always wrote them; what never changes (`record_type`,
//! `user_type`...) is not stored.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use uuid::Uuid;

use super::order::Stamp;
use super::table::record;

/// A comment on an order (`porting_comment`).
#[derive(Debug, Clone)]
pub(crate) struct Comment {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    pub(crate) created_at: Stamp,
    pub(crate) body: Box<str>,
}

record!(Comment, order);

impl Serialize for Comment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingOrdersComment", 6)?;
        s.serialize_field("body", &self.body)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("porting_order_id", &self.order_id)?;
        s.serialize_field("record_type", "porting_comment")?;
        s.serialize_field("user_type", "user")?;
        s.end()
    }
}

/// The `document_type` of an additional document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocumentType {
    Loa,
    Invoice,
    Csr,
    Other,
}

impl DocumentType {
    const ALL: [DocumentType; 4] = [
        DocumentType::Loa,
        DocumentType::Invoice,
        DocumentType::Csr,
        DocumentType::Other,
    ];
    /// Every value, as the API writes it.
    pub(crate) const NAMES: &[&str] = &["loa", "invoice", "csr", "other"];

    pub(crate) fn parse(text: &str) -> Option<DocumentType> {
        Self::ALL.into_iter().find(|t| t.as_str() == text)
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DocumentType::Loa => "loa",
            DocumentType::Invoice => "invoice",
            DocumentType::Csr => "csr",
            DocumentType::Other => "other",
        }
    }
}

/// An additional document of an order (`porting_additional_document`): a reference to a
/// document by id; the sandbox holds no document bytes.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    /// Also its `updated_at`: an additional document never changes.
    pub(crate) created_at: Stamp,
    pub(crate) document_id: Box<str>,
    pub(crate) document_type: DocumentType,
}

record!(Document, order);

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingAdditionalDocument", 7)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("document_id", &self.document_id)?;
        s.serialize_field("document_type", self.document_type.as_str())?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("porting_order_id", &self.order_id)?;
        s.serialize_field("record_type", "porting_additional_document")?;
        s.serialize_field("updated_at", &self.created_at)?;
        s.end()
    }
}

/// A verification code sent to one number of an order.
#[derive(Debug, Clone)]
pub(crate) struct VerificationCode {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    pub(crate) created_at: Stamp,
    pub(crate) updated_at: Stamp,
    pub(crate) phone_number: Box<str>,
    pub(crate) verified: bool,
}

record!(VerificationCode, order);

impl Serialize for VerificationCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PortingVerificationCode", 6)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("phone_number", &self.phone_number)?;
        s.serialize_field("porting_order_id", &self.order_id)?;
        s.serialize_field("updated_at", &self.updated_at)?;
        s.serialize_field("verified", &self.verified)?;
        s.end()
    }
}

/// An activation job of an order (`porting_activation_job`), always `created`: made
/// on-demand by `actions/activate`, scheduled by a PATCH of `activate_at`. Its one activation
/// window runs from `activate_at` to `window_end`.
#[derive(Debug, Clone)]
pub(crate) struct ActivationJob {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    pub(crate) created_at: Stamp,
    pub(crate) updated_at: Stamp,
    pub(crate) activate_at: Stamp,
    pub(crate) window_end: Stamp,
    pub(crate) scheduled: bool,
}

record!(ActivationJob, order);

impl Serialize for ActivationJob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Window {
            end_at: Stamp,
            start_at: Stamp,
        }
        let window = [Window {
            end_at: self.window_end,
            start_at: self.activate_at,
        }];
        let kind = if self.scheduled {
            "scheduled"
        } else {
            "on-demand"
        };
        let mut s = serializer.serialize_struct("PortingOrdersActivationJob", 8)?;
        s.serialize_field("activate_at", &self.activate_at)?;
        s.serialize_field("activation_type", kind)?;
        s.serialize_field("activation_windows", &window)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("record_type", "porting_activation_job")?;
        s.serialize_field("status", "created")?;
        s.serialize_field("updated_at", &self.updated_at)?;
        s.end()
    }
}

/// The `action_type` of every action requirement the sandbox makes.
pub(crate) const AU_ID_VERIFICATION: &str = "au_id_verification";
/// The `requirement_type_id` of every action requirement the sandbox makes.
pub(crate) const AU_REQUIREMENT_TYPE: &str = "53970723-fbff-4f46-a975-f62be6c1a585";

/// The action requirement an Australian order starts with (`au_id_verification`): `created`,
/// then `pending` (with an `action_url`) once initiated.
#[derive(Debug, Clone)]
pub(crate) struct ActionRequirement {
    pub(crate) id: Uuid,
    pub(crate) order_id: Uuid,
    pub(crate) created_at: Stamp,
    pub(crate) updated_at: Stamp,
    pub(crate) pending: bool,
}

record!(ActionRequirement, order);

impl ActionRequirement {
    pub(crate) fn status(&self) -> &'static str {
        if self.pending { "pending" } else { "created" }
    }
}

impl Serialize for ActionRequirement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let url = self
            .pending
            .then(|| format!("https://sandbox.invalid/porting/actions/{}", self.id));
        let mut s = serializer.serialize_struct("PortingActionRequirement", 10)?;
        s.serialize_field("action_type", AU_ID_VERIFICATION)?;
        s.serialize_field("action_url", &url)?;
        s.serialize_field("cancel_reason", &None::<&str>)?;
        s.serialize_field("created_at", &self.created_at)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("porting_order_id", &self.order_id)?;
        s.serialize_field("record_type", "porting_action_requirement")?;
        s.serialize_field("requirement_type_id", AU_REQUIREMENT_TYPE)?;
        s.serialize_field("status", self.status())?;
        s.serialize_field("updated_at", &self.updated_at)?;
        s.end()
    }
}
