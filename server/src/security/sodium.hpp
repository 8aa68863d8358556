#pragma once
// libsodium must be initialised once per process before any of its functions is used.

namespace portal::security {

// Calls sodium_init() exactly once (thread-safe, cheap afterwards). Throws std::runtime_error if
// libsodium cannot initialise — a start-up failure, not an expected one. Every class in this
// library that uses libsodium calls it in its constructor, so callers never need to.
void EnsureSodium();

}  // namespace portal::security
