//! Sign-in throttling: nobody can lock a lawyer out of their own account, and guessing is slow.
//!
//! - **Per client address** (governor, a keyed GCRA limiter): at most
//!   `LOGIN_ATTEMPTS_PER_MINUTE` attempts a minute from one address, whatever the account;
//!   beyond that 429 with `Retry-After`. It says nothing about any account.
//! - **Per account and client address**: the first [`FREE_FAILURES`] consecutive failures
//!   cost nothing; after them each further attempt from that address for that account must
//!   wait 1 s, 2 s, 4 s ... up to [`MAX_DELAY`] after the last failure. An attempt that comes
//!   too early is refused exactly like a wrong password (401, same body, same argon2 work),
//!   without the password being looked at. A success from that address clears it.
//!
//! Because the delay is keyed by the address too, failures from an attacker's address never
//! slow the lawyer down at theirs. The state lives in this process (each replica throttles on
//! its own) and forgets pairs idle for longer than [`MAX_DELAY`]. Tokens already issued are
//! never touched by throttling: a guesser cannot sign anyone out.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Consecutive failures (per account and address) before delays start.
pub const FREE_FAILURES: u32 = 5;
/// The longest delay between two attempts for one account from one address.
pub const MAX_DELAY: Duration = Duration::from_secs(15 * 60);
/// How many (account, address) pairs are kept before idle ones are forgotten.
const PAIRS_KEPT: usize = 100_000;

/// What to do with a sign-in attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password.
    Proceed,
    /// Answer like a wrong password without checking it.
    RefuseLikeAFailure,
    /// Too many attempts from this address: 429, retry after this many seconds.
    TooMany {
        /// Seconds until the address may try again.
        retry_after: u64,
    },
}

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// The throttle state of one server.
#[derive(Debug)]
pub struct LoginThrottle {
    per_address: DefaultKeyedRateLimiter<IpAddr>,
    failures: Mutex<HashMap<(String, IpAddr), Failures>>,
}

/// The delay after `count` consecutive failures: none for the first [`FREE_FAILURES`], then
/// doubling from one second, at most [`MAX_DELAY`].
pub fn delay_after(count: u32) -> Duration {
    if count < FREE_FAILURES {
        return Duration::ZERO;
    }
    let doublings = (count - FREE_FAILURES).min(20);
    Duration::from_secs(1u64 << doublings).min(MAX_DELAY)
}

impl LoginThrottle {
    /// A throttle allowing `per_minute` attempts a minute per client address.
    pub fn new(per_minute: NonZeroU32) -> Self {
        Self {
            per_address: RateLimiter::dashmap(Quota::per_minute(per_minute)),
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn key(email: &str, address: IpAddr) -> (String, IpAddr) {
        (email.trim().to_lowercase(), address)
    }

    /// Decides about one attempt for `email` from `address` (counting it against the
    /// address's quota).
    pub fn check(&self, email: &str, address: IpAddr) -> Verdict {
        if let Err(not_until) = self.per_address.check_key(&address) {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(
                &governor::clock::DefaultClock::default(),
            ));
            return Verdict::TooMany {
                retry_after: wait.as_secs().max(1),
            };
        }
        let failures = self
            .failures
            .lock()
            .map(|map| map.get(&Self::key(email, address)).copied())
            .unwrap_or_default();
        match failures {
            Some(f) if f.last.elapsed() < delay_after(f.count) => Verdict::RefuseLikeAFailure,
            _ => Verdict::Proceed,
        }
    }

    /// Records a wrong password (or a refused attempt) for `email` from `address`.
    pub fn failed(&self, email: &str, address: IpAddr) {
        let Ok(mut map) = self.failures.lock() else {
            return;
        };
        if map.len() >= PAIRS_KEPT {
            map.retain(|_, f| f.last.elapsed() < MAX_DELAY);
            self.per_address.retain_recent();
        }
        let entry = map.entry(Self::key(email, address)).or_insert(Failures {
            count: 0,
            last: Instant::now(),
        });
        entry.count = entry.count.saturating_add(1);
        entry.last = Instant::now();
    }

    /// Records a successful sign-in: the pair starts afresh.
    pub fn succeeded(&self, email: &str, address: IpAddr) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(&Self::key(email, address));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_start_after_the_free_failures_and_double_up_to_the_cap() {
        assert_eq!(delay_after(4), Duration::ZERO);
        assert_eq!(delay_after(5), Duration::from_secs(1));
        assert_eq!(delay_after(6), Duration::from_secs(2));
        assert_eq!(delay_after(9), Duration::from_secs(16));
        assert_eq!(delay_after(40), MAX_DELAY);
    }

    #[test]
    fn failures_from_one_address_do_not_touch_another() {
        let throttle = LoginThrottle::new(NonZeroU32::MIN.saturating_add(1000));
        let attacker: IpAddr = [127, 0, 0, 2].into();
        let lawyer: IpAddr = [127, 0, 0, 3].into();
        for _ in 0..FREE_FAILURES {
            assert_eq!(throttle.check("a@x.test", attacker), Verdict::Proceed);
            throttle.failed("a@x.test", attacker);
        }
        assert_eq!(
            throttle.check("A@X.test", attacker),
            Verdict::RefuseLikeAFailure
        );
        assert_eq!(throttle.check("a@x.test", lawyer), Verdict::Proceed);
        assert_eq!(throttle.check("b@x.test", attacker), Verdict::Proceed);
        throttle.succeeded("a@x.test", attacker);
        assert_eq!(throttle.check("a@x.test", attacker), Verdict::Proceed);
    }

    #[test]
    fn an_address_over_its_quota_is_told_to_wait() {
        let throttle = LoginThrottle::new(NonZeroU32::MIN.saturating_add(2));
        let address: IpAddr = [127, 0, 0, 4].into();
        for _ in 0..3 {
            assert_eq!(throttle.check("a@x.test", address), Verdict::Proceed);
        }
        assert!(matches!(
            throttle.check("other@x.test", address),
            Verdict::TooMany { retry_after } if retry_after >= 1
        ));
    }
}
