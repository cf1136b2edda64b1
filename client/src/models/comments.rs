//! Comments on a porting order (`/porting_orders/{id}/comments`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::common::PortingOrderId;
use super::open_enum::open_enum;

open_enum! {
    /// Who wrote a comment: a Telnyx admin, the user, or the system.
    pub enum CommentUserType {
        /// A Telnyx admin.
        Admin => "admin",
        /// The user.
        User => "user",
        /// The system.
        System => "system",
    }
}

/// A comment on a porting order (the spec's `PortingOrdersComment`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PortingOrdersComment {
    /// Uniquely identifies the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The body of the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The porting order the comment belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub porting_order_id: Option<PortingOrderId>,
    /// Whether a Telnyx admin, the user or the system wrote the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<CommentUserType>,
    /// When the comment was created.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<OffsetDateTime>,
    /// The type of the resource: `porting_comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<String>,
}

/// The request body of `POST /porting_orders/{id}/comments` (the spec's
/// `CreatePortingOrderComment`).
///
/// ```
/// use telnyx_porting::models::CreatePortingOrderComment;
///
/// let comment = CreatePortingOrderComment::new("Please, let me know when the port completes");
/// assert_eq!(
///     serde_json::to_string(&comment)?,
///     r#"{"body":"Please, let me know when the port completes"}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CreatePortingOrderComment {
    /// The text of the comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl CreatePortingOrderComment {
    /// A comment with this text.
    pub fn new(body: impl Into<String>) -> Self {
        CreatePortingOrderComment {
            body: Some(body.into()),
        }
    }
}
