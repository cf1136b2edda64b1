//! Sending: [`send`] turns a built [`Request`] into the call's future — prepare once (URL,
//! headers, body, retry plan), then every attempt in one flat state machine, with the hooks
//! around each attempt and the retry rules of [`retry`](super::retry) between them.

use std::borrow::Cow;
use std::future::Future;
use std::task::Poll;
use std::time::{Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument;
use tracing::instrument::Instrumented;

use super::client::{Client, ClientInner};
use super::decode::{FromResponse, RawResponse, api_error};
use super::endpoint::Endpoint;
use super::error::{Error, Result};
use super::hooks::{self, HookOutcome, HookRequest, HookResponse};
use super::request::{Parts, Request};
use super::retry::{self, Decision, Failure, Plan, TransportFailure, read_failure};
use super::urlencoded::encode_component;

/// Sends `request` and reads the response as `R`. The future borrows only the client.
///
/// The request is checked and prepared (URL, headers, body) here, when the future is made;
/// nothing is sent until it is polled.
pub fn send<R: FromResponse>(
    client: &Client,
    request: Request,
) -> impl Future<Output = Result<R>> + Send {
    Sending::new(execute(client, request), R::from_response)
}

/// Sends `request` and ignores the body of the success response (`Result<()>` endpoints).
pub fn send_empty(client: &Client, request: Request) -> impl Future<Output = Result<()>> + Send {
    Sending::new(execute(client, request), |_| Ok(()))
}

pin_project_lite::pin_project! {
    /// The future of one endpoint call: the whole call as one flat state machine, then one
    /// decoding step. Written out rather than as an `async` block around the call, which
    /// would hold the call's state two or three times over.
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    struct Sending<F, T> {
        #[pin]
        call: Option<F>,
        error: Option<Error>,
        finish: fn(RawResponse) -> Result<T>,
    }
}

impl<F, T> Sending<F, T> {
    fn new(call: Result<F>, finish: fn(RawResponse) -> Result<T>) -> Self {
        let (call, error) = match call {
            Ok(call) => (Some(call), None),
            Err(error) => (None, Some(error)),
        };
        Sending {
            call,
            error,
            finish,
        }
    }
}

impl<F: Future<Output = Result<RawResponse>>, T> Future for Sending<F, T> {
    type Output = Result<T>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> Poll<Result<T>> {
        let mut this = self.project();
        let Some(call) = this.call.as_mut().as_pin_mut() else {
            return Poll::Ready(Err(this.error.take().unwrap_or_else(|| {
                Error::config("the call's future was polled again after it completed")
            })));
        };
        let raw = std::task::ready!(call.poll(cx));
        // Dropped as soon as it is done: the connection goes back to the pool, and polling
        // again gets an error rather than resuming a finished `async` block.
        this.call.set(None);
        Poll::Ready(raw.and_then(*this.finish))
    }
}

/// Prepares `request` and returns the future that sends it, retrying as the rules in
/// [`retry`](super::retry) allow, and ends with the success response or the last error,
/// inside one `telnyx_porting.request` span. Not generic, so every endpoint shares one copy.
fn execute(
    client: &Client,
    request: Request,
) -> Result<Instrumented<impl Future<Output = Result<RawResponse>> + Send + '_>> {
    let call = prepare(client, request)?;
    let span = tracing::info_span!(
        "telnyx_porting.request",
        method = call.endpoint.method.as_str(),
        path = call.endpoint.template,
        status = tracing::field::Empty,
        attempt = tracing::field::Empty,
        retries = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty,
    );
    Ok(run(call, span.clone()).instrument(span))
}

/// Every attempt of one call (send, read the body within the limit) until a success, an
/// error that may not be retried, or the last retry.
///
/// One `async` block on purpose, holding the call as it was captured: each nested
/// `async fn` would be one more copy of its state per call, and an `async fn` would also
/// copy its arguments into its state a second time. What is built before an attempt
/// (reqwest's `Request`) is built in [`Call::start`], so it takes no room across awaits.
#[allow(clippy::manual_async_fn)]
fn run(
    call: Call<'_>,
    span: tracing::Span,
) -> impl Future<Output = Result<RawResponse>> + Send + '_ {
    async move {
        // Read the clock only for a span that a subscriber records, or for hooks.
        // The start of the current attempt: with hooks the clock restarts at each attempt
        // (an attempt's elapsed time is theirs), and the time before it adds up in
        // `earlier_us`; one `Instant` and one `u32` held across the awaits, not two instants.
        let mut started = (!span.is_disabled() || !call.inner.hooks.is_empty()).then(Instant::now);
        let mut earlier_us: u32 = 0;
        let inner = call.inner;
        let mut attempt: u32 = 0;
        let outcome = 'call: loop {
            span.record("attempt", attempt + 1);
            span.record("retries", attempt);
            if attempt > 0
                && !call.inner.hooks.is_empty()
                && let Some(at) = started
            {
                let now = Instant::now();
                let us = u32::try_from(now.duration_since(at).as_micros()).unwrap_or(u32::MAX);
                earlier_us = earlier_us.saturating_add(us);
                started = Some(now);
            }
            let sending = match call.start(attempt) {
                Ok(sending) => sending,
                Err(aborted) => break 'call Err(Error::Aborted(aborted)),
            };
            let failure = 'attempt: {
                let mut response = match sending.await {
                    Ok(response) => response,
                    Err(e) => {
                        break 'attempt Failure::Transport(if e.is_connect() {
                            TransportFailure::Connect(e)
                        } else if e.is_timeout() {
                            TransportFailure::Timeout(e)
                        } else {
                            TransportFailure::Broken(e)
                        });
                    }
                };
                {
                    let status = response.status();
                    let limit = inner.max_response_bytes;
                    // The whole body, stopping as soon as it goes over the limit.
                    let read: std::result::Result<Bytes, TransportFailure> = 'read: {
                        if response
                            .content_length()
                            .is_some_and(|len| len > limit as u64)
                        {
                            break 'read Err(TransportFailure::TooLarge(status, limit));
                        }
                        // Most bodies arrive in one chunk: that chunk is kept without copying.
                        let first = match response.chunk().await {
                            Ok(Some(chunk)) => chunk,
                            Ok(None) => break 'read Ok(Bytes::new()),
                            Err(e) => break 'read Err(read_failure(e)),
                        };
                        if first.len() > limit {
                            break 'read Err(TransportFailure::TooLarge(status, limit));
                        }
                        let second = match response.chunk().await {
                            Ok(Some(chunk)) => chunk,
                            Ok(None) => break 'read Ok(first),
                            Err(e) => break 'read Err(read_failure(e)),
                        };
                        let mut all = Vec::with_capacity(
                            response
                                .content_length()
                                .map_or(first.len() + second.len(), |len| len as usize),
                        );
                        all.extend_from_slice(&first);
                        let mut next = Some(second);
                        // Each chunk holds at least one byte, so this ends within `limit` rounds.
                        while let Some(chunk) = next {
                            if all.len() + chunk.len() > limit {
                                break 'read Err(TransportFailure::TooLarge(status, limit));
                            }
                            all.extend_from_slice(&chunk);
                            next = match response.chunk().await {
                                Ok(next) => next,
                                Err(e) => break 'read Err(read_failure(e)),
                            };
                        }
                        Ok(Bytes::from(all))
                    };
                    let headers = std::mem::take(response.headers_mut());
                    if let (false, Ok(body), Some(attempt_started)) =
                        (call.inner.hooks.is_empty(), &read, started)
                    {
                        hooks::after_response(
                            &call.inner.hooks,
                            &HookResponse {
                                endpoint: call.endpoint,
                                attempt: attempt + 1,
                                status,
                                headers: &headers,
                                body,
                                elapsed: attempt_started.elapsed(),
                            },
                        );
                    }
                    match read {
                        Ok(body) if status.is_success() => {
                            span.record("status", status.as_u16());
                            break 'call Ok(RawResponse {
                                status,
                                headers,
                                body,
                                retries: attempt,
                            });
                        }
                        Ok(body) => Failure::Status(status, headers, body),
                        Err(failure) => Failure::Transport(failure),
                    }
                }
            };
            // `failure` moves into a plain function, so it takes no room across the wait.
            match call.after(failure, attempt, &span) {
                Ok(delay) => {
                    tracing::debug!(
                        attempt = attempt + 1,
                        delay_ms = delay.as_millis() as u64,
                        "retrying"
                    );
                    (inner.retry.sleep)(delay).await;
                    attempt += 1;
                }
                Err(error) => break 'call Err(error),
            }
        };
        if let Some(started) = started {
            let elapsed =
                started.elapsed() + std::time::Duration::from_micros(u64::from(earlier_us));
            span.record("elapsed_ms", elapsed.as_millis() as u64);
            if !call.inner.hooks.is_empty() {
                hooks::on_complete(
                    &call.inner.hooks,
                    &HookOutcome {
                        endpoint: call.endpoint,
                        result: outcome.as_ref().map(|r| r.status),
                        retries: attempt,
                        elapsed,
                    },
                );
            }
        }
        outcome
    }
}

/// Everything a call needs before its first attempt: the URL, the headers, the body and the
/// retry plan. Fails on the first problem the request's builder recorded, before sending.
fn prepare(client: &Client, request: Request) -> Result<Call<'_>> {
    let Parts {
        endpoint,
        path,
        query,
        headers,
        body,
        error,
    } = request.into_parts();
    if let Some(error) = error {
        return Err(error);
    }
    let inner = &*client.inner;
    let options = client.options.as_deref();
    let http = match client.own_http.as_deref() {
        None => &inner.http,
        Some(Ok(http)) => http,
        Some(Err(e)) => return Err(Error::config(e.to_string())),
    };
    let extra_query = options.map_or(&[][..], |o| &o.query[..]);

    let url = request_url(inner, endpoint, &path, &query, extra_query);

    // The client's headers, with Content-Type when there is a body, were built once by the
    // builder: copy them only when this call adds or replaces one.
    let form = body.as_ref().is_some_and(|b| b.form);
    let body = body.map(|b| Bytes::from(b.bytes));
    let base_headers = if body.is_some() && !form {
        &inner.json_headers
    } else {
        &inner.headers
    };
    let extra_headers = options.map_or(&[][..], |o| &o.headers[..]);
    let all_headers =
        if endpoint.accept.is_none() && headers.is_empty() && extra_headers.is_empty() && !form {
            Cow::Borrowed(base_headers)
        } else {
            let mut all = base_headers.clone();
            if let Some(accept) = endpoint.accept {
                all.insert(ACCEPT, HeaderValue::from_static(accept));
            }
            for (name, value) in headers {
                all.insert(name, value);
            }
            for (name, value) in extra_headers {
                let header = HeaderName::try_from(name.as_str()).map_err(|_| {
                    Error::invalid_input(
                        "request option header",
                        name.as_str(),
                        "is not a valid header name",
                    )
                })?;
                let value = HeaderValue::try_from(value.as_str()).map_err(|_| {
                    Error::invalid_input(
                        format!("request option header {name}"),
                        "",
                        "holds characters that cannot go in an HTTP header",
                    )
                })?;
                all.insert(header, value);
            }
            if form {
                all.insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("application/x-www-form-urlencoded"),
                );
            } else if body.is_some() {
                all.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            Cow::Owned(all)
        };

    let plan = Plan {
        // The call's option, then the endpoint's attribute, then the client.
        timeout: options
            .and_then(|o| o.timeout)
            .or(endpoint.timeout)
            .unwrap_or(inner.timeout),
        max_retries: options
            .and_then(|o| o.max_retries)
            .unwrap_or(inner.retry.max_retries),
        idempotent: endpoint.is_idempotent(),
        opted_in: options
            .and_then(|o| o.retry_non_idempotent)
            .unwrap_or(inner.retry.retry_non_idempotent),
    };
    Ok(Call {
        inner,
        http,
        endpoint,
        plan,
        url,
        headers: all_headers,
        body,
    })
}

/// The URL of one call: the base URL, parsed once by the builder, with the path and query
/// set. A call whose path is its endpoint's template (no parameters) and that has no query
/// always gets the same URL: that one is made once per client and cloned after.
fn request_url(
    inner: &ClientInner,
    endpoint: &'static Endpoint,
    path: &str,
    query: &[(String, String)],
    extra_query: &[(String, String)],
) -> reqwest::Url {
    let fixed = query.is_empty() && extra_query.is_empty() && path == endpoint.template;
    let key = std::ptr::from_ref(endpoint) as usize;
    if fixed
        && let Ok(cache) = inner.fixed_urls.read()
        && let Some((_, url)) = cache.iter().find(|(k, _)| *k == key)
    {
        return url.clone();
    }
    let mut url = inner.base.clone();
    let base_path = url.path().trim_end_matches('/');
    let mut full_path = String::with_capacity(base_path.len() + path.len());
    full_path.push_str(base_path);
    full_path.push_str(path);
    url.set_path(&full_path);
    if !query.is_empty() || !extra_query.is_empty() {
        let mut text = String::with_capacity(24 * (query.len() + extra_query.len()));
        for (i, (key, value)) in query.iter().chain(extra_query).enumerate() {
            if i > 0 {
                text.push('&');
            }
            encode_component(key, &mut text);
            text.push('=');
            encode_component(value, &mut text);
        }
        url.set_query(Some(&text));
    }
    if fixed && let Ok(mut cache) = inner.fixed_urls.write() {
        // At most one entry per `#[endpoint]` declaration in the program.
        if !cache.iter().any(|(k, _)| *k == key) {
            cache.push((key, url.clone()));
        }
    }
    url
}

/// Everything one call sends, prepared once and re-sent unchanged on every attempt.
struct Call<'a> {
    inner: &'a ClientInner,
    http: &'a reqwest::Client,
    endpoint: &'static Endpoint,
    plan: Plan,
    url: reqwest::Url,
    headers: Cow<'a, HeaderMap>,
    body: Option<Bytes>,
}

impl Call<'_> {
    /// Sends one attempt, after the hooks (if any) saw it. The `reqwest::Request` is built
    /// directly: `RequestBuilder::headers` would re-insert every header, one by one, into a
    /// fresh map.
    fn start(
        &self,
        attempt: u32,
    ) -> std::result::Result<
        impl Future<Output = reqwest::Result<reqwest::Response>> + Send + use<>,
        Box<hooks::Aborted>,
    > {
        let mut request =
            reqwest::Request::new(self.endpoint.method.to_reqwest(), self.url.clone());
        *request.headers_mut() = self.headers.as_ref().clone();
        if !self.inner.hooks.is_empty() {
            // The hooks never see the key: it goes back in after them.
            let headers = request.headers_mut();
            let auth = headers.remove(AUTHORIZATION);
            hooks::before_attempt(
                &self.inner.hooks,
                &mut HookRequest {
                    endpoint: self.endpoint,
                    attempt: attempt + 1,
                    url: &self.url,
                    headers,
                    body: self.body.as_deref(),
                },
            )?;
            if let Some(auth) = auth {
                headers.insert(AUTHORIZATION, auth);
            }
        }
        *request.timeout_mut() = Some(self.plan.timeout);
        if let Some(body) = &self.body {
            *request.body_mut() = Some(reqwest::Body::from(body.clone()));
        }
        Ok(self.http.execute(request))
    }

    /// What follows a failed attempt: `Ok(wait)` to retry after `wait`, or the error to
    /// return. The decision is [`retry::decide`]'s; this records and builds the error.
    fn after(
        &self,
        failure: Failure,
        attempt: u32,
        span: &tracing::Span,
    ) -> std::result::Result<std::time::Duration, Error> {
        if let Failure::Status(status, ..) = &failure {
            span.record("status", status.as_u16());
        }
        match retry::decide(
            &failure,
            attempt,
            &self.plan,
            &self.inner.retry,
            SystemTime::now(),
        ) {
            Decision::Retry(wait) => Ok(wait),
            Decision::Stop {
                may_have_been_applied,
            } => Err(failure_error(
                self.endpoint,
                failure,
                attempt,
                may_have_been_applied,
            )),
        }
    }
}

fn failure_error(
    endpoint: &Endpoint,
    failure: Failure,
    retries: u32,
    may_have_been_applied: bool,
) -> Error {
    match failure {
        Failure::Status(status, headers, body) => {
            let mut error = api_error(status, &headers, &body);
            if let Error::Api(api) = &mut error {
                api.retries = retries;
                api.may_have_been_applied = may_have_been_applied;
            }
            error
        }
        Failure::Transport(failure) => {
            let (what, source, timeout) = match failure {
                TransportFailure::TooLarge(status, limit) => {
                    return Error::body_too_large(status, limit);
                }
                TransportFailure::Connect(e) => ("could not connect", e, false),
                TransportFailure::Timeout(e) => ("the request timed out", e, true),
                TransportFailure::Broken(e) => ("the connection broke off", e, false),
            };
            let message = format!("{} {}: {what}", endpoint.method.as_str(), endpoint.template);
            Error::transport(timeout, message, source, retries, may_have_been_applied)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::endpoint::HttpMethod;

    static GET: Endpoint = Endpoint::new(HttpMethod::Get, "/things/{id}", "get");

    #[test]
    fn a_bad_request_fails_on_first_poll_and_a_second_poll_does_not_panic() {
        let client = Client::builder()
            .api_key("k")
            .base_url("http://127.0.0.1:9")
            .build()
            .expect("client");
        let mut req = Request::new(&GET);
        req.literal("/things/");
        req.param("id", &"..");
        let mut call = std::pin::pin!(send::<serde_json::Value>(&client, req));
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match call.as_mut().poll(&mut cx) {
            Poll::Ready(Err(Error::InvalidInput(e))) => assert_eq!(e.field, "id"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            call.as_mut().poll(&mut cx),
            Poll::Ready(Err(Error::Config(_)))
        ));
    }
}
