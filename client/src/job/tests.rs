//! Unit tests of the job's input checks, reference, FOC choice and missing fields; the job
//! against the sandbox is in `tests/tests/job.rs`.

use super::missing::{choose_foc, missing_of};
use super::*;
use crate::Error;
use crate::models::PortingOrdersAllowedFocWindow;

fn end_user() -> EndUser {
    EndUser::new()
        .entity_name("Acme Corp")
        .auth_person_name("Jane Doe")
        .billing_phone_number("+13035550000")
        .account_number("123abc")
        .street_address("600 Congress Avenue")
        .locality("Austin")
        .administrative_area("TX")
        .postal_code("78701")
        .country_code("us")
}

fn builder() -> PortingJobBuilder {
    PortingJob::builder()
        .phone_numbers(["+13035550000", "+13035550001"])
        .end_user(end_user())
        .loa(DocumentSource::bytes("loa.pdf", b"%PDF-1.4 loa".to_vec()))
        .invoice(DocumentSource::bytes(
            "invoice.pdf",
            b"%PDF-1.4 bill".to_vec(),
        ))
}

fn field_of(result: crate::Result<PortingJob>) -> String {
    match result {
        Err(Error::InvalidInput(bad)) => bad.field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn the_futures_are_send() {
    fn send<T: Send>(_: &T) {}
    let job = builder().build().unwrap();
    let client = crate::Client::builder().api_key("k").build().unwrap();
    send(&job.check(&client));
    send(&job.prepare(&client));
    let prepared = Prepared {
        reference: String::new(),
        portability: PortabilityReport::default(),
        orders: Vec::new(),
        uploaded: Vec::new(),
        skipped: Vec::new(),
        reporter: progress::Reporter::default(),
        foc: FocDate::Earliest,
    };
    send(&prepared.submit(&client));
}

#[test]
fn build_names_the_first_bad_field() {
    assert_eq!(field_of(PortingJob::builder().build()), "phone_numbers");
    assert_eq!(
        field_of(builder().phone_numbers(["3035550002"]).build()),
        "phone_numbers[2]"
    );
    assert_eq!(
        field_of(builder().phone_numbers(["+13035550000"]).build()),
        "phone_numbers[2]"
    );
    assert_eq!(
        field_of(builder().end_user(end_user().locality(" ")).build()),
        "end_user.locality"
    );
    assert_eq!(
        field_of(
            builder()
                .end_user(end_user().billing_phone_number("call me"))
                .build()
        ),
        "end_user.billing_phone_number"
    );
    assert_eq!(
        field_of(builder().end_user(end_user().country_code("USA")).build()),
        "end_user.country_code"
    );
    assert_eq!(
        field_of(
            builder()
                .loa(DocumentSource::path("/no/such/loa.pdf"))
                .build()
        ),
        "loa"
    );
    assert_eq!(
        field_of(
            builder()
                .invoice(DocumentSource::bytes("bill.pdf", Vec::new()))
                .build()
        ),
        "invoice"
    );
    for bad in ["example.com/hook", "ftp://example.com/hook", "https://"] {
        assert_eq!(
            field_of(builder().webhook_url(bad).build()),
            "webhook_url",
            "{bad}"
        );
    }
    assert_eq!(
        field_of(builder().customer_reference("  ").build()),
        "customer_reference"
    );
    assert_eq!(
        field_of(builder().requirement("", "x").build()),
        "requirements[0]"
    );
    let missing_end_user = PortingJob::builder()
        .phone_numbers(["+13035550000"])
        .build();
    assert_eq!(field_of(missing_end_user), "end_user");
}

#[test]
fn the_derived_reference_depends_on_the_number_set_only() {
    let a = builder().build().unwrap();
    let b = PortingJob::builder()
        .phone_numbers(["+13035550001", "+13035550000"])
        .end_user(end_user())
        .loa(DocumentSource::bytes("loa.pdf", b"x".to_vec()))
        .invoice(DocumentSource::bytes("invoice.pdf", b"y".to_vec()))
        .build()
        .unwrap();
    assert_eq!(a.reference(), b.reference());
    assert!(a.reference().starts_with("job-") && a.reference().len() == 20);
    let c = builder().phone_numbers(["+13035550002"]).build().unwrap();
    assert_ne!(a.reference(), c.reference());
    // Pinned: the rule must not change between releases, or reruns would not find orders.
    let one = PortingJob::builder()
        .phone_numbers(["+13035550000"])
        .end_user(end_user())
        .loa(DocumentSource::bytes("loa.pdf", b"x".to_vec()))
        .invoice(DocumentSource::bytes("invoice.pdf", b"y".to_vec()))
        .build()
        .unwrap();
    assert_eq!(one.reference(), format!("job-{:016x}", fnv("+13035550000")));
    let given = builder().customer_reference(" Acct 42 ").build().unwrap();
    assert_eq!(given.reference(), "Acct 42");
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[test]
fn the_requests_carry_the_job() {
    let job = builder()
        .webhook_url("https://example.com/hooks")
        .build()
        .unwrap();
    let report = PortabilityReport {
        numbers: vec![
            NumberCheck {
                phone_number: "+13035550000".into(),
                portable: true,
                fast_portable: true,
                not_portable_reason: None,
            },
            NumberCheck {
                phone_number: "+13035550001".into(),
                portable: false,
                fast_portable: false,
                not_portable_reason: Some("no".into()),
            },
        ],
    };
    let create = serde_json::to_value(job.create_request(&report)).unwrap();
    assert_eq!(
        create,
        serde_json::json!({"phone_numbers": ["+13035550000"], "customer_reference": job.reference()})
    );
    let fill = serde_json::to_value(job.fill_request()).unwrap();
    assert_eq!(fill["webhook_url"], "https://example.com/hooks");
    assert_eq!(fill["end_user"]["location"]["country_code"], "US");
    assert_eq!(fill["end_user"]["admin"]["entity_name"], "Acme Corp");
    assert!(fill["end_user"]["admin"].get("pin_passcode").is_none());
}

#[test]
fn debug_hides_the_pin_and_the_bytes() {
    let job = builder()
        .end_user(end_user().pin_passcode("98765"))
        .build()
        .unwrap();
    let shown = format!("{job:?}");
    assert!(!shown.contains("98765"), "{shown}");
    assert!(!shown.contains("PDF"), "{shown}");
}

fn window(start: time::OffsetDateTime, end: time::OffsetDateTime) -> PortingOrdersAllowedFocWindow {
    PortingOrdersAllowedFocWindow {
        started_at: Some(start),
        ended_at: Some(end),
        ..Default::default()
    }
}

#[test]
fn the_foc_date_comes_from_the_windows() {
    let now = dt("2026-12-01T21:00:00Z");
    let windows = [
        window(dt("2026-12-03T14:00:00Z"), dt("2026-12-03T18:00:00Z")),
        window(dt("2026-12-02T14:00:00Z"), dt("2026-12-02T18:00:00Z")),
        window(dt("2026-11-30T14:00:00Z"), dt("2026-11-30T18:00:00Z")),
    ];
    assert_eq!(
        choose_foc(FocDate::Earliest, &windows, now),
        Ok(dt("2026-12-02T14:00:00Z"))
    );
    let date = dt("2026-12-03T00:00:00Z").date();
    assert_eq!(
        choose_foc(FocDate::On(date), &windows, now),
        Ok(dt("2026-12-03T14:00:00Z"))
    );
    let at = dt("2026-12-03T15:30:00Z");
    assert_eq!(choose_foc(FocDate::At(at), &windows, now), Ok(at));
    // Outside every window, or in the past: not chosen, and the windows are listed.
    let outside = choose_foc(FocDate::At(dt("2026-12-03T19:00:00Z")), &windows, now).unwrap_err();
    assert_eq!(
        outside.pointer,
        "/activation_settings/foc_datetime_requested"
    );
    assert!(
        outside
            .detail
            .contains("2026-12-02T14:00:00Z to 2026-12-02T18:00:00Z")
    );
    assert!(!outside.detail.contains("2026-11-30"), "{}", outside.detail);
    let past = dt("2026-11-30T15:00:00Z");
    assert!(choose_foc(FocDate::At(past), &windows, now).is_err());
    let sunday = dt("2026-12-06T00:00:00Z").date();
    assert!(choose_foc(FocDate::On(sunday), &windows, now).is_err());
    assert!(choose_foc(FocDate::Earliest, &[], now).is_err());
    // A window already open: a few minutes from now, not its start.
    let open = [window(
        dt("2026-12-01T20:00:00Z"),
        dt("2026-12-01T22:00:00Z"),
    )];
    assert_eq!(
        choose_foc(FocDate::Earliest, &open, now),
        Ok(dt("2026-12-01T21:05:00Z"))
    );
}

#[test]
fn an_empty_order_misses_everything_it_needs() {
    let order = crate::models::PortingOrder::default();
    let missing = missing_of(&order, &[], None);
    let pointers: Vec<&str> = missing.iter().map(|m| m.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/end_user/admin/entity_name",
            "/end_user/admin/auth_person_name",
            "/end_user/admin/billing_phone_number",
            "/end_user/admin/account_number",
            "/end_user/location/street_address",
            "/end_user/location/locality",
            "/end_user/location/administrative_area",
            "/end_user/location/postal_code",
            "/end_user/location/country_code",
            "/documents/loa",
            "/documents/invoice",
            "/activation_settings/foc_datetime_requested",
        ]
    );
}

#[test]
fn foc_date_parses_what_a_command_line_gives() {
    assert_eq!("EARLIEST".parse::<FocDate>().unwrap(), FocDate::Earliest);
    assert_eq!(
        "2026-12-10".parse::<FocDate>().unwrap(),
        FocDate::On(dt("2026-12-10T00:00:00Z").date())
    );
    for bad in ["2026-13-01", "2026-12-1", "tomorrow", ""] {
        assert!(bad.parse::<FocDate>().is_err(), "{bad}");
    }
}

fn dt(text: &str) -> time::OffsetDateTime {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).unwrap()
}
