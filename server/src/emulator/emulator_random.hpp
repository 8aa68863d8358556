#pragma once
// Deterministic pseudo-randomness for generated data: the same seed gives the same ids, key
// values and numbers on every run and machine (SplitMix64; std distributions are not portable).

#include <cstdint>
#include <string>
#include <string_view>

namespace portal::emulator {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) (n > 0; the modulo bias is irrelevant here).
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// A stable hash of several values (for synthetic report numbers).
inline std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  SplitMix64 r(a ^ (b * 0xD6E8FEB86659FD93ULL));
  return r.Next();
}
inline std::uint64_t HashText(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// Anthropic-style id: prefix + "_01" + 22 base58 characters (24 after the underscore).
inline std::string MintId(std::string_view prefix, SplitMix64& rng) {
  static constexpr std::string_view kBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  std::string id(prefix);
  id += "_01";
  for (int i = 0; i < 22; ++i) id += kBase58[rng.Below(kBase58.size())];
  return id;
}

// "sk-ant-api03-" + 93 characters of [A-Za-z0-9_-] + "AA" (108 characters; docs §1.4).
inline std::string MintKeyValue(SplitMix64& rng) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  std::string value = "sk-ant-api03-";
  for (int i = 0; i < 93; ++i) value += kAlphabet[rng.Below(kAlphabet.size())];
  value += "AA";
  return value;
}

// First 16 characters + "..." + last 4 (docs §1.5), e.g. "sk-ant-api03-R2D...igAA".
inline std::string PartialKeyHint(std::string_view value) {
  if (value.size() < 20) return std::string(value.substr(0, 4)) + "...";
  return std::string(value.substr(0, 16)) + "..." + std::string(value.substr(value.size() - 4));
}

// A version-4-shaped UUID from the generator.
inline std::string MintUuid(SplitMix64& rng) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    int nibble = static_cast<int>(rng.Below(16));
    if (i == 12) nibble = 4;
    if (i == 16) nibble = 8 | (nibble & 3);
    out += kHex[nibble];
  }
  return out;
}

}  // namespace portal::emulator
