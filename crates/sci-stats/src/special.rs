//! `scipy.special`: error, gamma, beta and Bessel functions and the numerically careful
//! helpers (`logsumexp`, `xlogy`, `expit`) that statistics needs, re-exported by the
//! umbrella as `sci::special`.
