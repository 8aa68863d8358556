#include "security/jwt.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "security/hmac.hpp"
#include "security/tokens.hpp"

namespace portal::security {
namespace {

using std::chrono::seconds;

// RFC 7515 Appendix A.1: JWS using HMAC SHA-256.
constexpr std::string_view kRfcKey =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
constexpr std::string_view kRfcJws =
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
    "."
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    "."
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

TEST(VerifyHs256Signature, AcceptsRfc7515AppendixA1) {
  const auto key = Base64UrlDecode(kRfcKey);
  ASSERT_TRUE(key.has_value());
  EXPECT_TRUE(VerifyHs256Signature(kRfcJws, *key));
}

TEST(VerifyHs256Signature, RejectsAnyOneByteChangeOfRfc7515AppendixA1) {
  const auto key = Base64UrlDecode(kRfcKey).value();
  for (std::size_t i = 0; i < kRfcJws.size(); ++i) {
    std::string changed(kRfcJws);
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(VerifyHs256Signature(changed, key)) << "position " << i;
  }
  EXPECT_FALSE(VerifyHs256Signature(kRfcJws, key.substr(1)));
  EXPECT_FALSE(VerifyHs256Signature(std::string(kRfcJws) + ".", key));
  EXPECT_FALSE(VerifyHs256Signature(kRfcJws.substr(0, kRfcJws.rfind('.')), key));
}

constexpr std::string_view kSecret = "0123456789abcdef0123456789abcdef-test-secret";
constexpr std::int64_t kNow = 1'750'000'000;

TimePoint At(std::int64_t unix_seconds) { return TimePoint(seconds(unix_seconds)); }

domain::AccessClaims Claims() { return {"usr_1", "ses_1", kNow, kNow + 900}; }

Hs256JwtCodec Codec() { return Hs256JwtCodec(std::string(kSecret), "appgenius-portal", "appgenius-portal-api"); }

// A token with any header and payload, correctly signed with kSecret.
std::string Sign(std::string_view header_json, std::string_view payload_json, std::string_view key = kSecret) {
  std::string token = Base64UrlEncode(header_json) + "." + Base64UrlEncode(payload_json);
  const auto mac = HmacSha256(key, token);
  return token + "." + Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

constexpr std::string_view kGoodPayload =
    R"({"iss":"appgenius-portal","aud":"appgenius-portal-api","sub":"usr_1","sid":"ses_1","iat":1750000000,"exp":1750000900})";

void ExpectRejected(const Result<domain::AccessClaims>& result, std::string_view why) {
  ASSERT_FALSE(result.has_value()) << why;
  EXPECT_EQ(result.error().code, ErrorCode::kUnauthenticated) << why;
  EXPECT_EQ(result.error().message, "invalid or expired access token") << why;
  EXPECT_FALSE(result.error().detail.empty()) << why;
}

TEST(Hs256JwtCodec, IssueThenVerifyRoundTrips) {
  const auto codec = Codec();
  const std::string token = codec.Issue(Claims());
  const auto claims = codec.Verify(token, At(kNow + 10));
  ASSERT_TRUE(claims.has_value()) << claims.error().detail;
  EXPECT_EQ(claims->user_id, "usr_1");
  EXPECT_EQ(claims->session_id, "ses_1");
  EXPECT_EQ(claims->issued_at, kNow);
  EXPECT_EQ(claims->expires_at, kNow + 900);
}

TEST(Hs256JwtCodec, IssuesTheExactHeaderAndClaims) {
  const std::string token = Codec().Issue(Claims());
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  EXPECT_EQ(Base64UrlDecode(token.substr(0, first)).value(), R"({"alg":"HS256","typ":"JWT"})");
  EXPECT_EQ(Base64UrlDecode(token.substr(first + 1, second - first - 1)).value(), kGoodPayload);
  EXPECT_EQ(token.find('='), std::string::npos);
  EXPECT_EQ(token, Sign(R"({"alg":"HS256","typ":"JWT"})", kGoodPayload));
}

TEST(Hs256JwtCodec, AcceptsAHandSignedToken) {
  EXPECT_TRUE(Codec().Verify(Sign(R"({"typ":"JWT","alg":"HS256"})", kGoodPayload), At(kNow)).has_value());
}

TEST(Hs256JwtCodec, RejectsAlgNone) {
  const std::string unsigned_token =
      Base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + "." + Base64UrlEncode(kGoodPayload) + ".";
  ExpectRejected(Codec().Verify(unsigned_token, At(kNow)), "alg none, empty signature");
  ExpectRejected(Codec().Verify(Sign(R"({"alg":"none","typ":"JWT"})", kGoodPayload), At(kNow)), "alg none, signed");
}

TEST(Hs256JwtCodec, RejectsOtherAlgorithmsEvenWhenTheMacMatches) {
  for (const std::string_view alg : {"HS512", "RS256", "hs256", "HS256 ", "ES256"}) {
    const std::string header = R"({"alg":")" + std::string(alg) + R"(","typ":"JWT"})";
    ExpectRejected(Codec().Verify(Sign(header, kGoodPayload), At(kNow)), alg);
  }
  ExpectRejected(Codec().Verify(Sign(R"({"typ":"JWT"})", kGoodPayload), At(kNow)), "missing alg");
  ExpectRejected(Codec().Verify(Sign(R"({"alg":256,"typ":"JWT"})", kGoodPayload), At(kNow)), "numeric alg");
  ExpectRejected(Codec().Verify(Sign(R"(["HS256"])", kGoodPayload), At(kNow)), "header not an object");
  ExpectRejected(Codec().Verify(Sign(R"({"alg":"HS256","crit":["exp"]})", kGoodPayload), At(kNow)), "crit");
}

TEST(Hs256JwtCodec, RejectsATamperedPayload) {
  const std::string token = Codec().Issue(Claims());
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  std::string payload = Base64UrlDecode(token.substr(first + 1, second - first - 1)).value();
  payload.replace(payload.find("usr_1"), 5, "usr_2");
  const std::string forged = token.substr(0, first + 1) + Base64UrlEncode(payload) + token.substr(second);
  ExpectRejected(Codec().Verify(forged, At(kNow)), "tampered payload");
}

TEST(Hs256JwtCodec, RejectsAnotherSecret) {
  const Hs256JwtCodec other(std::string(kSecret) + "!", "appgenius-portal", "appgenius-portal-api");
  ExpectRejected(Codec().Verify(other.Issue(Claims()), At(kNow)), "other secret");
}

TEST(Hs256JwtCodec, RejectsExpiredTokens) {
  const auto codec = Codec();
  const std::string token = codec.Issue(Claims());
  EXPECT_TRUE(codec.Verify(token, At(kNow + 899)).has_value());
  ExpectRejected(codec.Verify(token, At(kNow + 900)), "exp == now");
  ExpectRejected(codec.Verify(token, At(kNow + 901)), "exp < now");
}

TEST(Hs256JwtCodec, RejectsTokensIssuedInTheFuture) {
  const auto codec = Codec();
  const std::string token = codec.Issue(Claims());
  EXPECT_TRUE(codec.Verify(token, At(kNow - 60)).has_value());
  ExpectRejected(codec.Verify(token, At(kNow - 61)), "iat more than 60 s ahead");
}

TEST(Hs256JwtCodec, RejectsWrongIssuerOrAudience) {
  const Hs256JwtCodec other_iss(std::string(kSecret), "someone-else", "appgenius-portal-api");
  const Hs256JwtCodec other_aud(std::string(kSecret), "appgenius-portal", "another-api");
  ExpectRejected(Codec().Verify(other_iss.Issue(Claims()), At(kNow)), "wrong iss");
  ExpectRejected(Codec().Verify(other_aud.Issue(Claims()), At(kNow)), "wrong aud");
  ExpectRejected(
      Codec().Verify(
          Sign(
              R"({"alg":"HS256"})",
              R"({"iss":"appgenius-portal","aud":["appgenius-portal-api"],"sub":"u","sid":"s","iat":1750000000,"exp":1750000900})"),
          At(kNow)),
      "aud as array");
}

TEST(Hs256JwtCodec, RejectsMissingOrEmptySubjectOrSession) {
  const auto codec = Codec();
  ExpectRejected(codec.Verify(codec.Issue({"", "ses_1", kNow, kNow + 900}), At(kNow)), "empty sub");
  ExpectRejected(codec.Verify(codec.Issue({"usr_1", "", kNow, kNow + 900}), At(kNow)), "empty sid");
  ExpectRejected(
      codec.Verify(
          Sign(
              R"({"alg":"HS256"})",
              R"({"iss":"appgenius-portal","aud":"appgenius-portal-api","sub":1,"sid":"s","iat":1750000000,"exp":1750000900})"),
          At(kNow)),
      "numeric sub");
  ExpectRejected(
      codec.Verify(
          Sign(
              R"({"alg":"HS256"})",
              R"({"iss":"appgenius-portal","aud":"appgenius-portal-api","sub":"u","sid":"s","iat":1750000000,"exp":"1750000900"})"),
          At(kNow)),
      "string exp");
  ExpectRejected(
      codec.Verify(
          Sign(R"({"alg":"HS256"})",
               R"({"iss":"appgenius-portal","aud":"appgenius-portal-api","sub":"u","sid":"s","exp":1750000900})"),
          At(kNow)),
      "missing iat");
}

TEST(Hs256JwtCodec, RejectsMalformedTokens) {
  const auto codec = Codec();
  const std::string token = codec.Issue(Claims());
  ExpectRejected(codec.Verify("", At(kNow)), "empty");
  ExpectRejected(codec.Verify(token.substr(0, token.rfind('.')), At(kNow)), "two parts");
  ExpectRejected(codec.Verify(token + ".extra", At(kNow)), "four parts");
  ExpectRejected(codec.Verify("a.b.c", At(kNow)), "garbage parts");
  ExpectRejected(codec.Verify("!!!." + token.substr(token.find('.') + 1), At(kNow)), "bad base64 header");
  ExpectRejected(codec.Verify(token + "=", At(kNow)), "padded signature");
  ExpectRejected(codec.Verify(Sign(R"({"alg":"HS256"})", "not json"), At(kNow)), "payload not json");
  ExpectRejected(codec.Verify(Sign(R"({"alg":"HS256")", kGoodPayload), At(kNow)), "header not json");
  // Bad base64 in the payload: the signature (over the text as sent) matches, the decode must not.
  std::string bad_payload = Base64UrlEncode(R"({"alg":"HS256"})") + ".e30*";
  const auto mac = HmacSha256(kSecret, bad_payload);
  bad_payload += "." + Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
  ExpectRejected(codec.Verify(bad_payload, At(kNow)), "bad base64 payload");
}

TEST(Hs256JwtCodec, RejectsWeakConfiguration) {
  EXPECT_THROW(Hs256JwtCodec(std::string(31, 'k'), "iss", "aud"), std::invalid_argument);
  EXPECT_THROW(Hs256JwtCodec(std::string(kSecret), "", "aud"), std::invalid_argument);
  EXPECT_THROW(Hs256JwtCodec(std::string(kSecret), "iss", ""), std::invalid_argument);
}

}  // namespace
}  // namespace portal::security
