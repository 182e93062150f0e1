//! The client's address and scheme: the peer's, unless the peer is a trusted proxy, in which case
//! `X-Forwarded-For` and `X-Forwarded-Proto` are believed.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::Request;

/// (client address, reached over HTTPS) for a request.
pub fn client_info<B>(req: &Request<B>, trusted: &[IpAddr]) -> (Option<String>, bool) {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let Some(peer) = peer else { return (None, false) };
    if !trusted.contains(&peer) {
        return (Some(peer.to_string()), false);
    }
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    // The right-most address that is not itself a trusted proxy is the client.
    let forwarded = header("x-forwarded-for")
        .and_then(|v| v.split(',').rev().map(str::trim).filter_map(|s| s.parse::<IpAddr>().ok()).find(|ip| !trusted.contains(ip)));
    let https = header("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"));
    (Some(forwarded.unwrap_or(peer).to_string()), https)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn req(peer: &str, xff: Option<&str>) -> Request<Body> {
        let mut r = Request::builder().uri("/");
        if let Some(x) = xff {
            r = r.header("x-forwarded-for", x).header("x-forwarded-proto", "https");
        }
        let mut r = r.body(Body::empty()).expect("request");
        r.extensions_mut().insert(ConnectInfo(peer.parse::<SocketAddr>().expect("addr")));
        r
    }

    #[test]
    fn forwarded_headers_are_believed_only_from_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.2".parse().expect("ip");
        assert_eq!(client_info(&req("203.0.113.9:5000", Some("1.2.3.4")), &[proxy]), (Some("203.0.113.9".into()), false));
        assert_eq!(client_info(&req("10.0.0.2:5000", Some("6.6.6.6, 1.2.3.4")), &[proxy]), (Some("1.2.3.4".into()), true));
        assert_eq!(client_info(&req("10.0.0.2:5000", None), &[proxy]), (Some("10.0.0.2".into()), false));
    }
}
