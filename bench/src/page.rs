//! A realistic list page for the decode benchmark: `{"data":[...], "meta":{...}}` with 250
//! generated porting orders, each with 1 to 8 phone numbers, filled nested objects, fractional
//! timestamps, UUIDs, and a mix of nulls and values, as `GET /porting_orders` returns them.

use serde_json::{Value, json};

/// A small deterministic generator (xorshift64*), so every run decodes the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(i).copied().unwrap_or("")
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            0x8000 | (b >> 48) & 0x3fff,
            b & 0xffff_ffff_ffff
        )
    }

    fn timestamp(&mut self) -> String {
        format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            1 + self.below(12),
            1 + self.below(28),
            self.below(24),
            self.below(60),
            self.below(60),
            self.below(1000)
        )
    }

    fn phone(&mut self) -> String {
        format!("+1{}555{:04}", 200 + self.below(800), self.below(10_000))
    }
}

/// `value` when `keep`, else `null`.
fn opt(keep: bool, value: impl Into<Value>) -> Value {
    if keep { value.into() } else { Value::Null }
}

const STATUSES: &[&str] = &[
    "draft",
    "in-process",
    "submitted",
    "exception",
    "foc-date-confirmed",
    "ported",
    "cancelled",
    "cancel-pending",
];
const ACTIVATION: &[&str] = &[
    "New",
    "Pending",
    "Activate RDY",
    "Concurrence Sent",
    "Active",
    "Cancel Pending",
];
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "ENTITY_NAME_MISMATCH",
        "Entity name does not match that on the CSR",
    ),
    ("FOC_REJECTED", "The FOC was rejected by the losing carrier"),
    ("PASSCODE_PIN_INVALID", "The passcode or PIN is invalid"),
];
const CITIES: &[&str] = &[
    "Denver", "Chicago", "Austin", "Portland", "Raleigh", "Boise",
];
const CARRIERS: &[&str] = &[
    "Unreal Communications",
    "Acme Telephone",
    "Northwind Wireless",
];

fn order(rng: &mut Rng) -> Value {
    let id = rng.uuid();
    let status = rng.pick(STATUSES);
    let numbers = 1 + rng.below(8);
    let phone_numbers: Vec<Value> = (0..numbers)
        .map(|_| {
            json!({
                "activation_status": rng.pick(ACTIVATION),
                "phone_number": rng.phone(),
                "phone_number_type": "local",
                "portability_status": if rng.chance(80) { "confirmed" } else { "pending" },
                "porting_order_id": id,
                "porting_order_status": status,
                "record_type": "porting_phone_number",
                "requirements_status": if rng.chance(90) { "approved" } else { "requirement-info-pending" },
                "support_key": format!("sr_{:06x}", rng.below(1 << 24)),
            })
        })
        .collect();
    let details: Vec<Value> = if status == "exception" {
        let (code, description) = EXCEPTIONS
            .get(usize::try_from(rng.below(EXCEPTIONS.len() as u64)).unwrap_or(0))
            .copied()
            .unwrap_or(("OTHER", "Other"));
        vec![json!({ "code": code, "description": description })]
    } else {
        Vec::new()
    };
    let requirements: Vec<Value> = (0..rng.below(3))
        .map(|_| {
            json!({
                "field_type": "document",
                "field_value": rng.uuid(),
                "requirement_type_id": rng.uuid(),
                "record_type": "porting_requirement",
            })
        })
        .collect();
    let misc = if rng.chance(30) {
        json!({
            "type": "partial",
            "remaining_numbers_action": "keep",
            "new_billing_phone_number": rng.phone(),
        })
    } else {
        Value::Null
    };
    let city = rng.pick(CITIES);
    json!({
        "activation_settings": {
            "activation_status": opt(rng.chance(60), rng.pick(ACTIVATION)),
            "fast_port_eligible": rng.chance(50),
            "foc_datetime_actual": opt(rng.chance(40), rng.timestamp()),
            "foc_datetime_requested": opt(rng.chance(70), rng.timestamp()),
        },
        "created_at": rng.timestamp(),
        "customer_reference": opt(rng.chance(70), format!("Acct {}", rng.below(1_000_000))),
        "customer_group_reference": opt(rng.chance(30), format!("Group {}", rng.below(1000))),
        "description": format!("FP Telnyx {city} batch {}", rng.below(100)),
        "documents": { "loa": opt(rng.chance(60), rng.uuid()), "invoice": opt(rng.chance(60), rng.uuid()) },
        "end_user": {
            "admin": {
                "account_number": format!("{}", 100_000_000 + rng.below(900_000_000)),
                "auth_person_name": "Jane Doe",
                "billing_phone_number": rng.phone(),
                "business_identifier": opt(rng.chance(20), "DE123456789"),
                "entity_name": format!("{city} Widgets LLC"),
                "pin_passcode": opt(rng.chance(50), format!("{:04}", rng.below(10_000))),
                "tax_identifier": opt(rng.chance(20), "EU1234567"),
            },
            "location": {
                "administrative_area": "CO",
                "country_code": "US",
                "extended_address": opt(rng.chance(30), "Suite 400"),
                "locality": city,
                "postal_code": format!("{:05}", rng.below(100_000)),
                "street_address": format!("{} Main St", 1 + rng.below(9999)),
            },
        },
        "id": id,
        "misc": misc,
        "old_service_provider_ocn": rng.pick(CARRIERS),
        "parent_support_key": opt(rng.chance(50), format!("pr_{:06x}", rng.below(1 << 24))),
        "phone_number_configuration": {
            "billing_group_id": opt(rng.chance(50), rng.uuid()),
            "connection_id": opt(rng.chance(50), format!("{}", rng.below(1 << 40))),
            "emergency_address_id": opt(rng.chance(30), format!("{}", rng.below(1 << 40))),
            "messaging_profile_id": opt(rng.chance(30), rng.uuid()),
            "tags": ["ported", format!("batch-{}", rng.below(100))],
        },
        "phone_number_type": "local",
        "phone_numbers": phone_numbers,
        "porting_phone_numbers_count": numbers,
        "record_type": "porting_order",
        "requirements": requirements,
        "requirements_met": rng.chance(70),
        "status": { "details": details, "value": status },
        "support_key": opt(rng.chance(60), format!("sr_{:06x}", rng.below(1 << 24))),
        "updated_at": rng.timestamp(),
        "user_feedback": {
            "user_comment": opt(rng.chance(10), "Smooth port, thanks"),
            "user_rating": opt(rng.chance(20), 1 + rng.below(5)),
        },
        "messaging": {
            "messaging_capable": rng.chance(80),
            "enable_messaging": rng.chance(50),
            "messaging_port_status": "not_applicable",
            "messaging_port_completed": false,
        },
        "user_id": rng.uuid(),
        "webhook_url": opt(rng.chance(50), "https://example.com/webhooks/porting"),
        "additional_steps": if rng.chance(10) { json!(["associated_phone_numbers"]) } else { json!([]) },
    })
}

/// The JSON of a list page holding `orders` orders, compact as the API sends it.
pub fn list_page(orders: usize) -> Vec<u8> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let data: Vec<Value> = (0..orders).map(|_| order(&mut rng)).collect();
    let page = json!({
        "data": data,
        "meta": {
            "page_number": 1,
            "page_size": orders,
            "total_pages": 8,
            "total_results": orders * 8 - 127,
        },
    });
    serde_json::to_vec(&page).unwrap_or_default()
}
