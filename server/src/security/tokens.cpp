#include "security/tokens.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "security/sodium.hpp"

namespace portal::security {
namespace {

constexpr std::string_view kBase64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> MakeDecodeTable() {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < kBase64UrlAlphabet.size(); ++i) {
    table[static_cast<unsigned char>(kBase64UrlAlphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}
constexpr auto kDecodeTable = MakeDecodeTable();

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : bytes) {
    acc = (acc << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64UrlAlphabet[(acc >> bits) & 0x3F]);
    }
  }
  if (bits > 0) {
    out.push_back(kBase64UrlAlphabet[(acc << (6 - bits)) & 0x3F]);
  }
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  auto invalid = [](std::string detail) {
    return Fail(Error::InvalidArgument("invalid base64url").WithDetail(std::move(detail)));
  };
  if (text.size() % 4 == 1) {
    return invalid("impossible length");
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t acc = 0;
  int bits = 0;
  for (const char c : text) {
    const std::int8_t value = kDecodeTable[static_cast<unsigned char>(c)];
    if (value < 0) {
      return invalid("character outside the base64url alphabet");
    }
    acc = ((acc << 6) | static_cast<std::uint32_t>(value)) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  if ((acc & ((1U << bits) - 1)) != 0) {
    return invalid("non-zero trailing bits");
  }
  return out;
}

SodiumTokenGenerator::SodiumTokenGenerator() { EnsureSodium(); }

std::string SodiumTokenGenerator::RandomToken(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string token = Base64UrlEncode(raw);
  sodium_memzero(raw.data(), raw.size());
  return token;
}

std::string SodiumTokenGenerator::RandomPassword(std::size_t length) {
  std::string password;
  password.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    password.push_back(kPasswordAlphabet[randombytes_uniform(kPasswordAlphabet.size())]);
  }
  return password;
}

std::string SodiumTokenGenerator::HashToken(std::string_view token) const {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

}  // namespace portal::security
