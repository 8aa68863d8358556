#include "core/ids.hpp"

#include <array>
#include <cstdint>
#include <mutex>
#include <random>

namespace portal {
namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct UlidState {
  std::mutex mutex;
  std::random_device device;
  std::mt19937_64 rng{(static_cast<std::uint64_t>(device()) << 32) ^ device()};
  std::int64_t last_ms = -1;
  std::uint64_t last_hi = 0;  // 16 random bits
  std::uint64_t last_lo = 0;  // 64 random bits
};

UlidState& State() {
  static UlidState state;
  return state;
}

}  // namespace

std::string NewId(std::string_view prefix, TimePoint now) {
  auto ms = ToUnixMillis(now);
  std::uint64_t hi;
  std::uint64_t lo;
  {
    auto& s = State();
    std::lock_guard lock(s.mutex);
    if (ms <= s.last_ms) {
      // Same (or earlier) millisecond: increment so ids stay strictly increasing in this process.
      ms = s.last_ms;
      if (++s.last_lo == 0) s.last_hi = (s.last_hi + 1) & 0xFFFF;
    } else {
      s.last_ms = ms;
      s.last_hi = s.rng() & 0xFFFF;
      s.last_lo = s.rng();
    }
    hi = s.last_hi;
    lo = s.last_lo;
  }
  // 128 bits: 48 time | 16 hi | 64 lo -> 26 base32 characters (130 bits, top 2 zero).
  std::array<char, 26> out{};
  __extension__ typedef unsigned __int128 Uint128;  // GCC's 128-bit integer, marked as an extension
  Uint128 v = (static_cast<Uint128>(static_cast<std::uint64_t>(ms)) << 80) | (static_cast<Uint128>(hi) << 64) | lo;
  for (int i = 25; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kCrockford[static_cast<int>(v & 31)];
    v >>= 5;
  }
  std::string id(prefix);
  id.push_back('_');
  id.append(out.data(), out.size());
  return id;
}

std::string NewId(std::string_view prefix) { return NewId(prefix, std::chrono::system_clock::now()); }

}  // namespace portal
