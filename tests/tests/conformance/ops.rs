//! The calls of the [`OPERATIONS`](super::OPERATIONS) table: one small `fn` per operation (or
//! per way of calling it), and the setup they share.
//!
//! In mock mode every id is a fixed one (Prism answers any id the spec allows) and no setup
//! request is made, so `Prefer: code=…` applies to the operation's own request. Against the
//! sandbox (through `prism proxy --errors`), what an operation needs (an order, a comment, an
//! activation job, an LOA configuration…) is created first through the same proxy, so the
//! setup requests and answers are checked too.

use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::Value;
use telnyx_porting::Client;
use telnyx_porting::models::*;
use telnyx_porting::prelude::*;
use telnyx_porting::time::OffsetDateTime;
use telnyx_porting::uuid::{Uuid, uuid};

use super::{BoxFuture, encode};

/// The ids sent in mock mode (any UUID satisfies the spec).
const ORDER: Uuid = uuid!("eef10fb8-f3df-4c67-97c5-e18179723222");
const CHILD: Uuid = uuid!("a1b2c3d4-0000-4000-8000-000000000001");
const DOCUMENT: Uuid = uuid!("64ffb720-04c7-455b-92d6-20fcca92e935");
const BUNDLE: Uuid = uuid!("ab5e2b2c-6a8e-4b0e-9a54-6f0c4e2b1d55");

/// Distinct phone numbers for the orders created against the sandbox.
static NEXT_NUMBER: AtomicU32 = AtomicU32::new(0);

/// What an operation is driven through.
pub struct Ctx {
    /// Our client, whose requests pass the tap and Prism.
    pub client: Client,
    /// Against the sandbox: what the operation needs is created first; in mock mode, fixed ids.
    pub live: bool,
    /// A client straight to the sandbox, for setup outside the spec under test (documents in
    /// the porting runs, the order a document is linked to in the Documents run); `None`
    /// (mock mode) sends setup through `client`.
    pub direct: Option<Client>,
}

type Result<T> = telnyx_porting::Result<T>;

/// A UTC time, from Unix seconds.
fn at(seconds: i64) -> OffsetDateTime {
    match OffsetDateTime::from_unix_timestamp(seconds) {
        Ok(time) => time,
        Err(e) => panic!("bad time {seconds}: {e}"),
    }
}

fn next_suffix() -> u32 {
    NEXT_NUMBER.fetch_add(1, Ordering::Relaxed) % 10_000
}

fn uuid_at(value: &Value, pointer: &str) -> Uuid {
    match value
        .pointer(pointer)
        .and_then(Value::as_str)
        .map(Uuid::parse_str)
    {
        Some(Ok(id)) => id,
        _ => panic!("setup: no UUID at {pointer} in {value}"),
    }
}

impl Ctx {
    /// A draft porting order for a US number.
    async fn order(&self) -> Result<PortingOrderId> {
        self.order_for(&format!("+1303555{:04}", next_suffix()))
            .await
    }

    /// A draft porting order for an Australian number (the sandbox attaches an
    /// `au_id_verification` action requirement to it).
    async fn au_order(&self) -> Result<PortingOrderId> {
        self.order_for(&format!("+6142400{:04}", next_suffix()))
            .await
    }

    async fn order_for(&self, number: &str) -> Result<PortingOrderId> {
        if !self.live {
            return Ok(PortingOrderId::from_uuid(ORDER));
        }
        let created = self
            .client
            .porting_orders()
            .create(&CreatePortingOrder::new([number]))
            .await?;
        Ok(PortingOrderId::from_uuid(uuid_at(
            &encode(&created),
            "/data/0/id",
        )))
    }

    /// An order that is in process (confirmed), with a status-change event.
    async fn confirmed_order(&self) -> Result<PortingOrderId> {
        let id = self.complete_order().await?;
        if self.live {
            self.client.porting_orders().actions().confirm(id).await?;
        }
        Ok(id)
    }

    /// A draft with everything confirm needs: the LOA and invoice (uploaded straight to the
    /// sandbox), the end user and a FOC date from its allowed windows (both through the
    /// proxy, so checked too).
    async fn complete_order(&self) -> Result<PortingOrderId> {
        let id = self.order().await?;
        if !self.live {
            return Ok(id);
        }
        let (loa, invoice) = (self.document().await?, self.document().await?);
        let windows = self.client.porting_orders().allowed_foc_windows(id).await?;
        let Some(foc) = windows.data.last().and_then(|w| w.started_at) else {
            panic!("setup: order {id} has no allowed FOC window: {windows:?}");
        };
        let admin = UpdatePortingOrderEndUserAdmin::new()
            .entity_name("Porter McPortersen")
            .auth_person_name("Porter McPortersen II")
            .billing_phone_number("+13035551234")
            .account_number("123abc");
        let location = UpdatePortingOrderEndUserLocation::new()
            .street_address("600 Congress Avenue")
            .locality("Austin")
            .administrative_area("TX")
            .postal_code("78701")
            .country_code("US");
        let changes = UpdatePortingOrder::new()
            .documents(UpdatePortingOrderDocuments::new().loa(loa).invoice(invoice))
            .end_user(
                UpdatePortingOrderEndUser::new()
                    .admin(admin)
                    .location(location),
            )
            .foc_datetime_requested(foc);
        self.client.porting_orders().update(id, &changes).await?;
        Ok(id)
    }

    /// The body attaching two uploaded documents to an order (the fixed ids in mock mode).
    async fn additional_documents(&self) -> Result<CreateAdditionalDocuments> {
        let (loa, invoice) = if self.live {
            (self.document().await?, self.document().await?)
        } else {
            (DOCUMENT, CHILD)
        };
        Ok(CreateAdditionalDocuments::new()
            .document(loa, AdditionalDocumentType::Loa)
            .document(invoice, AdditionalDocumentType::Invoice))
    }

    /// An LOA configuration body whose logo is an uploaded document.
    async fn loa_configuration_body(&self, name: &str) -> Result<CreatePortingLoaConfiguration> {
        Ok(loa_configuration(name, self.document().await?))
    }

    /// An order and an activation job of it.
    async fn activation_job(&self) -> Result<(PortingOrderId, Uuid)> {
        let id = self.order().await?;
        if !self.live {
            return Ok((id, CHILD));
        }
        let job = self.client.porting_orders().actions().activate(id).await?;
        Ok((id, uuid_at(&encode(&job), "/data/id")))
    }

    /// An Australian order and its action requirement.
    async fn action_requirement(&self) -> Result<(PortingOrderId, String)> {
        let id = self.au_order().await?;
        if !self.live {
            return Ok((id, CHILD.to_string()));
        }
        let page = self
            .client
            .porting_orders()
            .action_requirements()
            .list(id, &ListActionRequirementsQuery::new())
            .await?;
        Ok((id, uuid_at(&encode(&page), "/data/0/id").to_string()))
    }

    /// An order and an additional document attached to it.
    async fn additional_document(&self) -> Result<(PortingOrderId, Uuid)> {
        let id = self.order().await?;
        if !self.live {
            return Ok((id, CHILD));
        }
        let created = self
            .client
            .porting_orders()
            .additional_documents()
            .create(id, &self.additional_documents().await?)
            .await?;
        Ok((id, uuid_at(&encode(&created), "/data/0/id")))
    }

    /// An order and an associated phone number range of it.
    async fn associated_number(&self) -> Result<(PortingOrderId, Uuid)> {
        let id = self.order().await?;
        if !self.live {
            return Ok((id, CHILD));
        }
        let created = self
            .client
            .porting_orders()
            .associated_phone_numbers()
            .create(id, &associated_number())
            .await?;
        Ok((id, uuid_at(&encode(&created), "/data/id")))
    }

    /// An order and a phone number block of it.
    async fn number_block(&self) -> Result<(PortingOrderId, Uuid)> {
        let id = self.order().await?;
        if !self.live {
            return Ok((id, CHILD));
        }
        let created = self
            .client
            .porting_orders()
            .phone_number_blocks()
            .create(id, &number_block())
            .await?;
        Ok((id, uuid_at(&encode(&created), "/data/id")))
    }

    /// An order and a phone number extension of it.
    async fn number_extension(&self) -> Result<(PortingOrderId, Uuid)> {
        let id = self.order().await?;
        if !self.live {
            return Ok((id, CHILD));
        }
        let created = self
            .client
            .porting_orders()
            .phone_number_extensions()
            .create(id, &number_extension())
            .await?;
        Ok((id, uuid_at(&encode(&created), "/data/id")))
    }

    /// A porting event (a confirmed order's status change).
    async fn event(&self) -> Result<Uuid> {
        if !self.live {
            return Ok(CHILD);
        }
        let id = self.confirmed_order().await?;
        let page = self
            .client
            .porting()
            .events()
            .list(
                &ListPortingEventsQuery::new()
                    .filter(PortingEventsFilter::new().porting_order_id(id)),
            )
            .await?;
        Ok(uuid_at(&encode(&page), "/data/0/id"))
    }

    /// A porting report.
    async fn report(&self) -> Result<Uuid> {
        if !self.live {
            return Ok(CHILD);
        }
        let created = self.client.porting().reports().create(&report()).await?;
        Ok(uuid_at(&encode(&created), "/data/id"))
    }

    /// A document uploaded to `/documents`.
    async fn document(&self) -> Result<Uuid> {
        if !self.live {
            return Ok(DOCUMENT);
        }
        let client = self.direct.as_ref().unwrap_or(&self.client);
        let created = client
            .documents()
            .upload_bytes("loa.pdf", b"%PDF-1.7\n%%EOF\n")
            .await?;
        Ok(uuid_at(&encode(&created), "/data/id"))
    }

    /// A porting order whose LOA is a document uploaded to `/documents` (in mock mode, the
    /// fixed ids).
    async fn linked_order(&self) -> Result<PortingOrderId> {
        let loa = self.document().await?;
        if !self.live {
            return Ok(PortingOrderId::from_uuid(ORDER));
        }
        let client = self.direct.as_ref().unwrap_or(&self.client);
        let order = CreatePortingOrder::new([format!("+1303555{:04}", next_suffix())]);
        let created = client.porting_orders().create(&order).await?;
        let id = PortingOrderId::from_uuid(uuid_at(&encode(&created), "/data/0/id"));
        let changes =
            UpdatePortingOrder::new().documents(UpdatePortingOrderDocuments::new().loa(loa));
        client.porting_orders().update(id, &changes).await?;
        Ok(id)
    }

    /// An LOA configuration.
    async fn loa_configuration(&self) -> Result<Uuid> {
        if !self.live {
            return Ok(CHILD);
        }
        let created = self
            .client
            .porting()
            .loa_configurations()
            .create(&self.loa_configuration_body("Main office").await?)
            .await?;
        Ok(uuid_at(&encode(&created), "/data/id"))
    }
}

fn associated_number() -> CreatePortingAssociatedPhoneNumber {
    CreatePortingAssociatedPhoneNumber::new(
        AssociatedPhoneNumberAction::Keep,
        PhoneNumberRangeParams::new("+13035551000", "+13035551009"),
    )
}

fn number_block() -> CreatePortingPhoneNumberBlock {
    CreatePortingPhoneNumberBlock::new(
        PhoneNumberRangeParams::new("+13035552000", "+13035552099"),
        [PhoneNumberRangeParams::new("+13035552000", "+13035552009")],
    )
}

fn number_extension() -> CreatePortingPhoneNumberExtension {
    CreatePortingPhoneNumberExtension::new(
        CHILD,
        ExtensionRangeParams::new(100, 199),
        [ExtensionRangeParams::new(100, 109)],
    )
}

fn report() -> CreatePortingReport {
    CreatePortingReport::export_porting_orders_csv(
        ExportPortingOrdersCsvFilters::new()
            .created_after(at(1_704_067_200))
            .customer_references(["Acct 123abc"])
            .statuses([PortingOrderStatusValue::Draft]),
    )
}

fn loa_configuration(name: &str, logo: Uuid) -> CreatePortingLoaConfiguration {
    CreatePortingLoaConfiguration::new(
        name,
        logo,
        "Telnyx",
        LoaAddressParams::new("311 W Superior St", "Chicago", "IL", "60654", "US")
            .extended_address("Suite 504"),
        "testing@telnyx.com",
        "+12003270001",
    )
}

/// Declares the call of one table entry: `op!(name, |ctx| { …; Ok(value) });`.
macro_rules! op {
    ($name:ident, |$ctx:ident| $body:block) => {
        pub fn $name($ctx: &Ctx) -> BoxFuture<'_> {
            Box::pin(async move { $body })
        }
    };
}

// --- /porting_orders ---

op!(create_every_field, |ctx| {
    let order = CreatePortingOrder::new([
        format!("+1303555{:04}", next_suffix()),
        format!("+1303555{:04}", next_suffix()),
    ])
    .customer_reference("Acct 123abc")
    .customer_group_reference("Group-456");
    Ok(encode(&ctx.client.porting_orders().create(&order).await?))
});

op!(create_numbers_only, |ctx| {
    let order = CreatePortingOrder::new([
        format!("+1303555{:04}", next_suffix()),
        format!("+4420718{:04}", next_suffix()),
    ]);
    Ok(encode(&ctx.client.porting_orders().create(&order).await?))
});

op!(retrieve_order, |ctx| {
    let id = ctx.order().await?;
    let query = RetrievePortingOrderQuery::new().include_phone_numbers(true);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .retrieve_with(id, &query)
            .await?,
    ))
});

op!(update_order, |ctx| {
    let id = ctx.order().await?;
    let loa = ctx.document().await?;
    let changes = UpdatePortingOrder::new()
        .customer_reference("Acct 789")
        .webhook_url("https://example.com/porting-webhook")
        .end_user(
            UpdatePortingOrderEndUser::new().admin(
                UpdatePortingOrderEndUserAdmin::new()
                    .entity_name("Porter McPortersen")
                    .pin_passcode("1234")
                    .clear_tax_identifier(),
            ),
        )
        .documents(UpdatePortingOrderDocuments::new().loa(loa))
        .clear_misc();
    Ok(encode(
        &ctx.client.porting_orders().update(id, &changes).await?,
    ))
});

op!(list_orders, |ctx| {
    Ok(encode(
        &ctx.client
            .porting_orders()
            .list(&ListPortingOrdersQuery::new())
            .await?,
    ))
});

op!(list_orders_filtered, |ctx| {
    let query = ListPortingOrdersQuery::new()
        .page(1, 10)
        .include_phone_numbers(false)
        .filter(
            PortingOrdersFilter::new()
                .country_code("US")
                .phone_number_contains("555")
                .fast_port_eligible(true),
        )
        .filter_customer_reference("Acct 123abc")
        .sort(PortingOrdersSort::CreatedAtDesc);
    Ok(encode(&ctx.client.porting_orders().list(&query).await?))
});

op!(delete_order, |ctx| {
    let id = ctx.order().await?;
    ctx.client.porting_orders().delete(id).await?;
    Ok(Value::Null)
});

op!(allowed_foc_windows, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(
        &ctx.client.porting_orders().allowed_foc_windows(id).await?,
    ))
});

op!(exception_types, |ctx| {
    Ok(encode(
        &ctx.client.porting_orders().exception_types().await?,
    ))
});

op!(loa_template, |ctx| {
    let id = ctx.order().await?;
    let pdf = ctx.client.porting_orders().loa_template(id).await?;
    Ok(binary(&pdf))
});

op!(requirements, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .requirements(id, &ListRequirementsQuery::new())
            .await?,
    ))
});

op!(sub_request, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(&ctx.client.porting_orders().sub_request(id).await?))
});

// --- actions ---

op!(confirm, |ctx| {
    let id = ctx.complete_order().await?;
    Ok(encode(
        &ctx.client.porting_orders().actions().confirm(id).await?,
    ))
});

op!(cancel, |ctx| {
    let id = ctx.confirmed_order().await?;
    Ok(encode(
        &ctx.client.porting_orders().actions().cancel(id).await?,
    ))
});

op!(activate, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(
        &ctx.client.porting_orders().actions().activate(id).await?,
    ))
});

op!(share, |ctx| {
    let id = ctx.order().await?;
    let share = SharePortingOrder::new()
        .expires_in_seconds(3600)
        .permissions(SharingTokenPermission::DocumentRead);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .actions()
            .share(id, &share)
            .await?,
    ))
});

// --- comments, documents, verification codes ---

op!(list_comments, |ctx| {
    let id = ctx.order().await?;
    if ctx.live {
        ctx.client
            .porting_orders()
            .comments()
            .create(id, &CreatePortingOrderComment::new("First"))
            .await?;
    }
    Ok(encode(
        &ctx.client
            .porting_orders()
            .comments()
            .list(id, &ListCommentsQuery::new().page(1, 20))
            .await?,
    ))
});

op!(create_comment, |ctx| {
    let id = ctx.order().await?;
    let comment = CreatePortingOrderComment::new("Please, let me know when the port completes");
    Ok(encode(
        &ctx.client
            .porting_orders()
            .comments()
            .create(id, &comment)
            .await?,
    ))
});

op!(list_documents, |ctx| {
    let (id, _) = ctx.additional_document().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .additional_documents()
            .list(id, &ListAdditionalDocumentsQuery::new())
            .await?,
    ))
});

op!(list_documents_filtered, |ctx| {
    let (id, _) = ctx.additional_document().await?;
    let query = ListAdditionalDocumentsQuery::new()
        .page(1, 20)
        .filter(
            AdditionalDocumentsFilter::new()
                .document_type([AdditionalDocumentType::Loa, AdditionalDocumentType::Invoice]),
        )
        .sort(CreatedAtSort::CreatedAtDesc);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .additional_documents()
            .list(id, &query)
            .await?,
    ))
});

op!(create_documents, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .additional_documents()
            .create(id, &ctx.additional_documents().await?)
            .await?,
    ))
});

op!(delete_document, |ctx| {
    let (id, document) = ctx.additional_document().await?;
    ctx.client
        .porting_orders()
        .additional_documents()
        .delete(id, document)
        .await?;
    Ok(Value::Null)
});

op!(list_verification_codes, |ctx| {
    let id = ctx.au_order().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .verification_codes()
            .list(
                id,
                &ListVerificationCodesQuery::new()
                    .filter_verified(true)
                    .sort(CreatedAtSort::CreatedAt),
            )
            .await?,
    ))
});

op!(send_verification_codes, |ctx| {
    let id = ctx.au_order().await?;
    let send = SendPortingVerificationCodes::new(["+61424000001"], VerificationMethod::Sms);
    ctx.client
        .porting_orders()
        .verification_codes()
        .send(id, &send)
        .await?;
    Ok(Value::Null)
});

op!(verify_verification_codes, |ctx| {
    let id = ctx.au_order().await?;
    if ctx.live {
        let send = SendPortingVerificationCodes::new(["+61424000001"], VerificationMethod::Sms);
        ctx.client
            .porting_orders()
            .verification_codes()
            .send(id, &send)
            .await?;
    }
    let codes = VerifyPortingVerificationCodes::new().code("+61424000001", "12345");
    Ok(encode(
        &ctx.client
            .porting_orders()
            .verification_codes()
            .verify(id, &codes)
            .await?,
    ))
});

// --- activation jobs, action requirements ---

op!(list_activation_jobs, |ctx| {
    let (id, _) = ctx.activation_job().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .activation_jobs()
            .list(id, &ListActivationJobsQuery::new().page(1, 20))
            .await?,
    ))
});

op!(retrieve_activation_job, |ctx| {
    let (id, job) = ctx.activation_job().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .activation_jobs()
            .retrieve(id, job)
            .await?,
    ))
});

op!(update_activation_job, |ctx| {
    let (id, job) = ctx.activation_job().await?;
    let changes = UpdatePortingOrdersActivationJob::new(at(1_893_456_000));
    Ok(encode(
        &ctx.client
            .porting_orders()
            .activation_jobs()
            .update(id, job, &changes)
            .await?,
    ))
});

op!(list_action_requirements, |ctx| {
    let (id, _) = ctx.action_requirement().await?;
    let query = ListActionRequirementsQuery::new()
        .filter(
            ActionRequirementsFilter::new()
                .action_type(ActionRequirementsFilterActionType::AuIdVerification)
                .status(ActionRequirementStatus::Created),
        )
        .sort(ActionRequirementsSort::CreatedAtDesc);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .action_requirements()
            .list(id, &query)
            .await?,
    ))
});

op!(initiate_action_requirement, |ctx| {
    let (id, requirement) = ctx.action_requirement().await?;
    let params = InitiatePortingActionRequirement::new(AuIdVerificationParams::new("John", "Doe"));
    Ok(encode(
        &ctx.client
            .porting_orders()
            .action_requirements()
            .initiate(id, &requirement, &params)
            .await?,
    ))
});

// --- number ranges ---

op!(list_associated_numbers, |ctx| {
    let (id, _) = ctx.associated_number().await?;
    let query = ListAssociatedPhoneNumbersQuery::new()
        .filter(AssociatedPhoneNumbersFilter::new().action(AssociatedPhoneNumberAction::Keep))
        .sort(CreatedAtSort::CreatedAtDesc);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .associated_phone_numbers()
            .list(id, &query)
            .await?,
    ))
});

op!(create_associated_number, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .associated_phone_numbers()
            .create(id, &associated_number())
            .await?,
    ))
});

op!(delete_associated_number, |ctx| {
    let (id, child) = ctx.associated_number().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .associated_phone_numbers()
            .delete(id, child)
            .await?,
    ))
});

op!(list_number_blocks, |ctx| {
    let (id, _) = ctx.number_block().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_blocks()
            .list(id, &ListPhoneNumberBlocksQuery::new().page(1, 20))
            .await?,
    ))
});

op!(list_number_blocks_filtered, |ctx| {
    let (id, _) = ctx.number_block().await?;
    let query = ListPhoneNumberBlocksQuery::new()
        .filter(
            PhoneNumberBlocksFilter::new()
                .porting_order_id([id])
                .status([
                    PortingOrderStatusValue::Draft,
                    PortingOrderStatusValue::InProcess,
                ])
                .phone_number(["+13035552000"]),
        )
        .sort(CreatedAtSort::CreatedAt);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_blocks()
            .list(id, &query)
            .await?,
    ))
});

op!(create_number_block, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_blocks()
            .create(id, &number_block())
            .await?,
    ))
});

op!(delete_number_block, |ctx| {
    let (id, child) = ctx.number_block().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_blocks()
            .delete(id, child)
            .await?,
    ))
});

op!(list_number_extensions, |ctx| {
    let (id, _) = ctx.number_extension().await?;
    let query = ListPhoneNumberExtensionsQuery::new()
        .filter(PhoneNumberExtensionsFilter::new().porting_phone_number_id(CHILD))
        .sort(CreatedAtSort::CreatedAtDesc);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_extensions()
            .list(id, &query)
            .await?,
    ))
});

op!(create_number_extension, |ctx| {
    let id = ctx.order().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_extensions()
            .create(id, &number_extension())
            .await?,
    ))
});

op!(delete_number_extension, |ctx| {
    let (id, child) = ctx.number_extension().await?;
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_extensions()
            .delete(id, child)
            .await?,
    ))
});

op!(list_number_configurations, |ctx| {
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_configurations()
            .list(&ListPhoneNumberConfigurationsQuery::new().page(1, 20))
            .await?,
    ))
});

op!(list_number_configurations_filtered, |ctx| {
    let query = ListPhoneNumberConfigurationsQuery::new()
        .filter(
            PhoneNumberConfigurationsFilter::new()
                .porting_order_status([
                    PortingOrderStatusValue::Draft,
                    PortingOrderStatusValue::InProcess,
                ])
                .user_bundle_id([BUNDLE]),
        )
        .sort(CreatedAtSort::CreatedAtDesc);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_configurations()
            .list(&query)
            .await?,
    ))
});

op!(create_number_configurations, |ctx| {
    let configurations = CreatePhoneNumberConfigurations::new().configure(CHILD, BUNDLE);
    Ok(encode(
        &ctx.client
            .porting_orders()
            .phone_number_configurations()
            .create(&configurations)
            .await?,
    ))
});

// --- /porting_phone_numbers, /portability_checks ---

op!(list_porting_phone_numbers, |ctx| {
    ctx.order().await?;
    let query = ListPortingPhoneNumbersQuery::new().page(1, 20).filter(
        PortingPhoneNumbersFilter::new().porting_order_status(PortingOrderStatusValue::Draft),
    );
    Ok(encode(
        &ctx.client.porting_phone_numbers().list(&query).await?,
    ))
});

op!(portability_check, |ctx| {
    let check = PostPortabilityCheck::new(["+13035550000", "+442071838750"]);
    Ok(encode(&ctx.client.portability_checks().run(&check).await?))
});

// --- /porting ---

op!(list_events, |ctx| {
    let id = ctx.confirmed_order().await?;
    let query = ListPortingEventsQuery::new().page(1, 20).filter(
        PortingEventsFilter::new()
            .event_type(PortingEventType::StatusChanged)
            .porting_order_id(id)
            .created_at_or_after(at(1_577_836_800)),
    );
    Ok(encode(&ctx.client.porting().events().list(&query).await?))
});

op!(retrieve_event, |ctx| {
    let event = ctx.event().await?;
    Ok(encode(
        &ctx.client.porting().events().retrieve(event).await?,
    ))
});

op!(republish_event, |ctx| {
    let event = ctx.event().await?;
    ctx.client.porting().events().republish(event).await?;
    Ok(Value::Null)
});

op!(list_reports, |ctx| {
    ctx.report().await?;
    Ok(encode(
        &ctx.client
            .porting()
            .reports()
            .list(&ListPortingReportsQuery::new().page(1, 20))
            .await?,
    ))
});

op!(create_report, |ctx| {
    Ok(encode(
        &ctx.client.porting().reports().create(&report()).await?,
    ))
});

op!(retrieve_report, |ctx| {
    let report = ctx.report().await?;
    Ok(encode(
        &ctx.client.porting().reports().retrieve(report).await?,
    ))
});

op!(uk_carriers, |ctx| {
    Ok(encode(&ctx.client.porting().uk_carriers().await?))
});

op!(list_loa_configurations, |ctx| {
    ctx.loa_configuration().await?;
    Ok(encode(
        &ctx.client
            .porting()
            .loa_configurations()
            .list(&ListLoaConfigurationsQuery::new().page(1, 20))
            .await?,
    ))
});

op!(create_loa_configuration, |ctx| {
    Ok(encode(
        &ctx.client
            .porting()
            .loa_configurations()
            .create(&ctx.loa_configuration_body("Main office").await?)
            .await?,
    ))
});

op!(retrieve_loa_configuration, |ctx| {
    let id = ctx.loa_configuration().await?;
    Ok(encode(
        &ctx.client
            .porting()
            .loa_configurations()
            .retrieve(id)
            .await?,
    ))
});

op!(update_loa_configuration, |ctx| {
    let id = ctx.loa_configuration().await?;
    Ok(encode(
        &ctx.client
            .porting()
            .loa_configurations()
            .update(id, &ctx.loa_configuration_body("Branch office").await?)
            .await?,
    ))
});

op!(delete_loa_configuration, |ctx| {
    let id = ctx.loa_configuration().await?;
    ctx.client.porting().loa_configurations().delete(id).await?;
    Ok(Value::Null)
});

op!(preview_loa_configuration_params, |ctx| {
    let pdf = ctx
        .client
        .porting()
        .loa_configurations()
        .preview(&ctx.loa_configuration_body("Main office").await?)
        .await?;
    Ok(binary(&pdf))
});

op!(preview_loa_configuration, |ctx| {
    let id = ctx.loa_configuration().await?;
    let pdf = ctx
        .client
        .porting()
        .loa_configurations()
        .preview_saved(id)
        .await?;
    Ok(binary(&pdf))
});

/// A file answer: nothing to compare field by field ([`Value::Null`] tells the suite so), but
/// it must have come back as a PDF.
fn binary(file: &telnyx_porting::Binary) -> Value {
    assert_eq!(
        file.content_type()
            .map(|t| t.split(';').next().unwrap_or(t).trim()),
        Some("application/pdf"),
        "a PDF operation answered with another content type ({} bytes)",
        file.len()
    );
    Value::Null
}

// --- /documents, /document_links (mock mode, and proxied to the sandbox, which makes the
// documents and the linked order first) ---

op!(docs_upload_document, |ctx| {
    let upload = CreateDocServiceDocumentRequest::from_bytes("loa.pdf", b"%PDF-1.7\n%%EOF\n")
        .customer_reference("MY REF 001");
    Ok(encode(&ctx.client.documents().upload(&upload).await?))
});

op!(docs_upload_document_by_url, |ctx| {
    let upload = CreateDocServiceDocumentRequest::from_url(
        "https://www.w3.org/WAI/ER/tests/xhtml/testfiles/resources/pdf/dummy.pdf",
        "dummy.pdf",
    );
    Ok(encode(&ctx.client.documents().upload(&upload).await?))
});

op!(docs_list_documents, |ctx| {
    Ok(encode(
        &ctx.client
            .documents()
            .list(&ListDocumentsQuery::new())
            .await?,
    ))
});

op!(docs_list_documents_filtered, |ctx| {
    let query = ListDocumentsQuery::new()
        .page(1, 25)
        .filter_filename_contains("invoice")
        .filter_customer_reference("MY REF 001")
        .filter_created_at(DatetimeRangeExclusive::new().gt(at(1_609_459_200)))
        .sort([DocumentsSort::FilenameDesc]);
    Ok(encode(&ctx.client.documents().list(&query).await?))
});

op!(docs_retrieve_document, |ctx| {
    let id = ctx.document().await?;
    Ok(encode(&ctx.client.documents().retrieve(id).await?))
});

op!(docs_update_document, |ctx| {
    let id = ctx.document().await?;
    let changes = UpdateDocument::new()
        .filename("loa-2026.pdf")
        .customer_reference("MY REF 002");
    Ok(encode(&ctx.client.documents().update(id, &changes).await?))
});

op!(docs_delete_document, |ctx| {
    let id = ctx.document().await?;
    Ok(encode(&ctx.client.documents().delete(id).await?))
});

op!(docs_download_document, |ctx| {
    let id = ctx.document().await?;
    let file = ctx.client.documents().download(id).await?;
    // The spec allows any content type (`*`): nothing to check but that it came.
    let _ = file.len();
    Ok(Value::Null)
});

op!(docs_document_download_link, |ctx| {
    let id = ctx.document().await?;
    Ok(encode(&ctx.client.documents().download_link(id).await?))
});

op!(docs_list_document_links, |ctx| {
    let order = if ctx.live {
        Uuid::from(ctx.linked_order().await?)
    } else {
        ORDER
    };
    let query = ListDocumentLinksQuery::new().page(1, 20).filter(
        DocumentLinksFilter::new()
            .linked_record_type("porting_order")
            .linked_resource_id(order),
    );
    Ok(encode(&ctx.client.documents().list_links(&query).await?))
});
