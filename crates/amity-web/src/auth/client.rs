//! The client's address and scheme: the peer's, unless the peer is a trusted proxy, in which case
//! `X-Forwarded-For` and `X-Forwarded-Proto` are believed. Trusted proxies are addresses or CIDR
//! ranges ([`IpRange`]); a forwarded request from a peer that is not trusted is noted once in the
//! log and shown to admins ([`ProxyNotice`]), since it means every user shares the proxy's address.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::ConnectInfo;
use axum::http::Request;

/// An address or a CIDR range of addresses (`10.0.0.0/8`, `fd00::/8`, `127.0.0.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    base: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// Whether `ip` lies in the range (IPv4-mapped IPv6 addresses count as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.base, ip) {
            (IpAddr::V4(b), IpAddr::V4(a)) => masked(u128::from(u32::from(b)), u128::from(u32::from(a)), 32, self.prefix),
            (IpAddr::V6(b), IpAddr::V6(a)) => masked(u128::from(b), u128::from(a), 128, self.prefix),
            _ => false,
        }
    }
}

fn masked(base: u128, ip: u128, bits: u8, prefix: u8) -> bool {
    let shift = u32::from(bits - prefix);
    shift >= 128 || (base >> shift) == (ip >> shift)
}

impl FromStr for IpRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("{s:?} is not an IP address or CIDR range");
        let (addr, prefix) = s.trim().split_once('/').map_or((s.trim(), None), |(a, p)| (a, Some(p)));
        let base: IpAddr = addr.parse().map_err(|_| bad())?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
            None => max,
        };
        Ok(Self { base, prefix })
    }
}

impl fmt::Display for IpRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = if self.base.is_ipv4() { 32 } else { 128 };
        if self.prefix == max { write!(f, "{}", self.base) } else { write!(f, "{}/{}", self.base, self.prefix) }
    }
}

impl From<IpAddr> for IpRange {
    fn from(base: IpAddr) -> Self {
        Self { base, prefix: if base.is_ipv4() { 32 } else { 128 } }
    }
}

/// Remembers that a request arrived with `X-Forwarded-For` from a peer that is not a trusted
/// proxy: logged the first time, and shown on the admin's users page from then on.
#[derive(Debug, Clone, Default)]
pub struct ProxyNotice {
    logged: Arc<AtomicBool>,
    peer: Arc<Mutex<Option<String>>>,
}

impl ProxyNotice {
    /// Notes the untrusted forwarding peer; writes the warning to the log once per process.
    pub fn note(&self, peer: IpAddr) {
        if let Ok(mut p) = self.peer.lock() {
            *p = Some(peer.to_string());
        }
        if !self.logged.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                %peer,
                "a request came with X-Forwarded-For from {peer}, which is not in trusted_proxies: every client behind that proxy \
                 shares its address (sign-in limits count them together, the audit log shows the proxy). Add the proxy's address \
                 or range to trusted_proxies"
            );
        }
    }

    /// The last untrusted forwarding peer seen, if any.
    pub fn untrusted(&self) -> Option<String> {
        self.peer.lock().ok().and_then(|p| p.clone())
    }
}

/// (client address, reached over HTTPS) for a request.
pub fn client_info<B>(req: &Request<B>, trusted: &[IpRange], notice: &ProxyNotice) -> (Option<String>, bool) {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let Some(peer) = peer else { return (None, false) };
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|r| r.contains(*ip));
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    if !is_trusted(&peer) {
        if req.headers().contains_key("x-forwarded-for") {
            notice.note(peer);
        }
        return (Some(peer.to_string()), false);
    }
    // The right-most address that is not itself a trusted proxy is the client.
    let forwarded = header("x-forwarded-for")
        .and_then(|v| v.split(',').rev().map(str::trim).filter_map(|s| s.parse::<IpAddr>().ok()).find(|ip| !is_trusted(ip)));
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

    fn ranges(list: &[&str]) -> Vec<IpRange> {
        list.iter().map(|s| s.parse().expect("range")).collect()
    }

    #[test]
    fn forwarded_headers_are_believed_only_from_trusted_proxies() {
        let proxy = ranges(&["10.0.0.2"]);
        let n = ProxyNotice::default();
        assert_eq!(client_info(&req("203.0.113.9:5000", Some("1.2.3.4")), &proxy, &n), (Some("203.0.113.9".into()), false));
        assert_eq!(client_info(&req("10.0.0.2:5000", Some("6.6.6.6, 1.2.3.4")), &proxy, &n), (Some("1.2.3.4".into()), true));
        assert_eq!(client_info(&req("10.0.0.2:5000", None), &proxy, &n), (Some("10.0.0.2".into()), false));
    }

    #[test]
    fn a_cidr_range_of_proxies_is_trusted_and_skipped_in_the_forwarded_chain() {
        let proxies = ranges(&["10.0.0.0/8", "fd00::/8"]);
        let n = ProxyNotice::default();
        let r = client_info(&req("10.1.2.3:5000", Some("198.51.100.7, 10.9.9.9")), &proxies, &n);
        assert_eq!(r, (Some("198.51.100.7".into()), true));
        let r = client_info(&req("[fd00::5]:5000", Some("2001:db8::1")), &proxies, &n);
        assert_eq!(r, (Some("2001:db8::1".into()), true));
        assert_eq!(client_info(&req("11.0.0.1:5000", Some("1.2.3.4")), &proxies, &n).0.as_deref(), Some("11.0.0.1"));
    }

    #[test]
    fn ranges_parse_addresses_and_prefixes_and_refuse_nonsense() {
        let r: IpRange = "192.168.0.0/16".parse().expect("range");
        assert!(r.contains("192.168.44.1".parse().expect("ip")) && !r.contains("192.169.0.1".parse().expect("ip")));
        assert!("0.0.0.0/0".parse::<IpRange>().expect("all").contains("8.8.8.8".parse().expect("ip")));
        assert_eq!("::1".parse::<IpRange>().expect("host").to_string(), "::1");
        assert_eq!("10.0.0.0/8".parse::<IpRange>().expect("range").to_string(), "10.0.0.0/8");
        for bad in ["10.0.0.0/33", "proxy.local", "10.0.0.0/x"] {
            assert!(bad.parse::<IpRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_forwarded_request_from_an_untrusted_peer_is_noted_and_a_direct_one_is_not() {
        let n = ProxyNotice::default();
        client_info(&req("127.0.0.1:5000", None), &[], &n);
        assert_eq!(n.untrusted(), None, "a request without X-Forwarded-For says nothing about proxies");
        client_info(&req("127.0.0.1:5000", Some("198.51.100.7")), &[], &n);
        assert_eq!(n.untrusted().as_deref(), Some("127.0.0.1"));
    }
}
