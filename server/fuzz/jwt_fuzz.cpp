// The access-token decoder. Input: <mode byte> <rest>.
//   'S': <header JSON> NUL <claims JSON>, encoded and signed here with the codec's secret, so that
//        the header and claim checks are reached;
//   'I': <sub> NUL <sid> NUL <iat offset> issued by the codec: must verify to the same claims;
//   else: the rest as a token from anyone (must be refused: nobody else has the secret).

#include <charconv>
#include <string>

#include "fuzz_support.hpp"
#include "security/hmac.hpp"
#include "security/jwt.hpp"
#include "security/tokens.hpp"

using namespace portal;

namespace {

constexpr std::string_view kSecret = "fuzzing-secret-fuzzing-secret-0123456789";
constexpr std::int64_t kNow = 1'800'000'000;

const security::Hs256JwtCodec& Codec() {
  static const security::Hs256JwtCodec codec(std::string(kSecret), "portal", "portal-api");
  return codec;
}

std::string Signed(std::string_view signing_input) {
  auto mac = security::HmacSha256(kSecret, signing_input);
  return std::string(signing_input) + "." +
         security::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const char mode = static_cast<char>(data[0]);
  auto rest = fuzz::AsText(data + 1, size - 1);
  const auto now = TimePoint(std::chrono::seconds(kNow));
  if (mode == 'S') {
    auto parts = fuzz::Parts(rest, 2);
    if (parts.size() < 2) return 0;
    auto token = Signed(security::Base64UrlEncode(parts[0]) + "." + security::Base64UrlEncode(parts[1]));
    FUZZ_CHECK(security::VerifyHs256Signature(token, kSecret));
    FUZZ_CHECK(!security::VerifyHs256Signature(token, "another-secret-another-secret-0123456789"));
    if (auto claims = Codec().Verify(token, now)) {
      FUZZ_CHECK(!claims->user_id.empty() && !claims->session_id.empty());
      FUZZ_CHECK(claims->expires_at > kNow);
    } else {
      FUZZ_CHECK(claims.error().code == ErrorCode::kUnauthenticated);
    }
  } else if (mode == 'I') {
    auto parts = fuzz::Parts(rest, 3);
    if (parts.size() < 3 || !fuzz::IsUtf8(parts[0]) || !fuzz::IsUtf8(parts[1])) return 0;
    domain::AccessClaims claims{std::string(parts[0]), std::string(parts[1]), kNow, kNow + 900};
    std::int64_t offset = 0;
    std::from_chars(parts[2].data(), parts[2].data() + parts[2].size(), offset);
    claims.issued_at = kNow + offset % 120;
    auto token = Codec().Issue(claims);
    FUZZ_CHECK(security::VerifyHs256Signature(token, kSecret));
    auto verified = Codec().Verify(token, now);
    const bool valid = !claims.user_id.empty() && !claims.session_id.empty() &&
                       claims.issued_at <= kNow + security::Hs256JwtCodec::kMaxIssuedAtSkewSeconds;
    FUZZ_CHECK(verified.has_value() == valid);
    if (verified) {
      FUZZ_CHECK(verified->user_id == claims.user_id && verified->session_id == claims.session_id);
      FUZZ_CHECK(verified->issued_at == claims.issued_at && verified->expires_at == claims.expires_at);
    }
  } else {
    FUZZ_CHECK(!Codec().Verify(rest, now).has_value());
  }
  return 0;
}
