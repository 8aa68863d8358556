#include "security/jwt.hpp"

#include <openssl/crypto.h>

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <stdexcept>

#include "security/hmac.hpp"
#include "security/tokens.hpp"

namespace portal::security {
namespace {

namespace json = boost::json;

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";

std::unexpected<Error> Reject(std::string reason) {
  return Fail(Error::Unauthenticated("invalid or expired access token").WithDetail(std::move(reason)));
}

struct Parts {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
  std::string_view signing_input;  // "<header>.<payload>"
};

std::optional<Parts> Split(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return Parts{token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1),
               token.substr(0, second)};
}

bool SignatureMatches(const Parts& parts, std::string_view key) {
  const auto signature = Base64UrlDecode(parts.signature);
  const auto expected = HmacSha256(key, parts.signing_input);
  if (!signature || signature->size() != expected.size()) {
    return false;
  }
  return CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) == 0;
}

// Parses base64url-encoded JSON that must be an object.
std::optional<json::object> DecodeObject(std::string_view part) {
  const auto text = Base64UrlDecode(part);
  if (!text) {
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value value = json::parse(*text, ec);
  if (ec || !value.is_object()) {
    return std::nullopt;
  }
  return std::move(value.as_object());
}

const json::string* StringField(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  return value != nullptr ? value->if_string() : nullptr;
}

std::optional<std::int64_t> IntegerField(const json::object& object, std::string_view name) {
  const json::value* value = object.if_contains(name);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (const auto* i = value->if_int64()) {
    return *i;
  }
  return std::nullopt;  // uint64 beyond int64, doubles and non-numbers are not valid NumericDates here
}

}  // namespace

bool VerifyHs256Signature(std::string_view compact_jws, std::string_view key) {
  const auto parts = Split(compact_jws);
  return parts && SignatureMatches(*parts, key);
}

Hs256JwtCodec::Hs256JwtCodec(std::string secret, std::string issuer, std::string audience)
    : secret_(std::move(secret)), issuer_(std::move(issuer)), audience_(std::move(audience)) {
  if (secret_.size() < kMinSecretBytes) {
    throw std::invalid_argument("the JWT secret must be at least 32 bytes");
  }
  if (issuer_.empty() || audience_.empty()) {
    throw std::invalid_argument("the JWT issuer and audience must not be empty");
  }
}

std::string Hs256JwtCodec::Issue(const domain::AccessClaims& claims) const {
  json::object payload;
  payload["iss"] = issuer_;
  payload["aud"] = audience_;
  payload["sub"] = claims.user_id;
  payload["sid"] = claims.session_id;
  payload["iat"] = claims.issued_at;
  payload["exp"] = claims.expires_at;

  std::string token = Base64UrlEncode(kHeader);
  token += '.';
  token += Base64UrlEncode(json::serialize(payload));
  const auto mac = HmacSha256(secret_, token);
  token += '.';
  token += Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  return token;
}

Result<domain::AccessClaims> Hs256JwtCodec::Verify(std::string_view token, TimePoint now) const {
  const auto parts = Split(token);
  if (!parts) {
    return Reject("not three dot-separated parts");
  }
  const auto header = DecodeObject(parts->header);
  if (!header) {
    return Reject("header is not base64url JSON object");
  }
  const json::string* alg = StringField(*header, "alg");
  if (alg == nullptr || *alg != "HS256") {
    return Reject("alg is missing or not HS256");
  }
  if (header->contains("crit")) {
    return Reject("critical header extensions are not supported");
  }
  // Nothing in the payload is looked at until the signature is known to be ours.
  if (!SignatureMatches(*parts, secret_)) {
    return Reject("bad signature");
  }
  const auto payload = DecodeObject(parts->payload);
  if (!payload) {
    return Reject("payload is not a base64url JSON object");
  }

  const json::string* iss = StringField(*payload, "iss");
  const json::string* aud = StringField(*payload, "aud");
  const json::string* sub = StringField(*payload, "sub");
  const json::string* sid = StringField(*payload, "sid");
  const auto iat = IntegerField(*payload, "iat");
  const auto exp = IntegerField(*payload, "exp");
  if (iss == nullptr || *iss != issuer_) {
    return Reject("wrong or missing iss");
  }
  if (aud == nullptr || *aud != audience_) {
    return Reject("wrong or missing aud");
  }
  if (sub == nullptr || sub->empty() || sid == nullptr || sid->empty()) {
    return Reject("sub or sid missing or empty");
  }
  if (!iat || !exp) {
    return Reject("iat or exp missing or not an integer");
  }
  const std::int64_t now_seconds = std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
  if (*exp <= now_seconds) {
    return Reject("expired");
  }
  if (*iat > now_seconds + kMaxIssuedAtSkewSeconds) {
    return Reject("iat is in the future");
  }
  return domain::AccessClaims{std::string(*sub), std::string(*sid), *iat, *exp};
}

}  // namespace portal::security
