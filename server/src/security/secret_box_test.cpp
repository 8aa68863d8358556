#include "security/secret_box.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "security/tokens.hpp"

namespace portal::security {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kApiKey = "sk-ant-api03-WDtkwtDDb-xHKas1VOqg6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po-799NksnRH9uc";

SecretKey Key(std::uint8_t id, char fill) { return {id, std::string(kMasterKeyBytes, fill)}; }

void ExpectCannotDecrypt(const Result<std::string>& opened, std::string_view why) {
  ASSERT_FALSE(opened.has_value()) << why;
  EXPECT_EQ(opened.error().code, ErrorCode::kInternal) << why;
  EXPECT_EQ(opened.error().message, "secret cannot be decrypted") << why;
  EXPECT_EQ(opened.error().detail.find(kApiKey), std::string::npos) << why;
}

TEST(SecretBox, SealThenOpenRoundTrips) {
  const SecretBox box(Key(1, 'k'));
  const std::string sealed = box.Seal(kApiKey, "apikey_01SM9wCZ7Uw9xfogoEmvnEN5");
  EXPECT_EQ(sealed.find(kApiKey), std::string::npos);
  EXPECT_EQ(box.Open(sealed, "apikey_01SM9wCZ7Uw9xfogoEmvnEN5"), std::string(kApiKey));
  EXPECT_EQ(box.Open(box.Seal("", "row"), "row"), std::string());
}

TEST(SecretBox, SealedFormIsVersionKeyIdNonceCiphertext) {
  const SecretBox box(Key(7, 'k'));
  const std::string raw = Base64UrlDecode(box.Seal("abc", "row")).value();
  ASSERT_EQ(raw.size(), 1 + 1 + 24 + 3 + 16U);
  EXPECT_EQ(raw[0], 1);
  EXPECT_EQ(raw[1], 7);
  EXPECT_EQ(box.current_key_id(), 7);
}

TEST(SecretBox, EachSealUsesAFreshNonce) {
  const SecretBox box(Key(1, 'k'));
  EXPECT_NE(box.Seal(kApiKey, "row"), box.Seal(kApiKey, "row"));
}

TEST(SecretBox, ValueMovedToAnotherRowDoesNotOpen) {
  const SecretBox box(Key(1, 'k'));
  const std::string sealed = box.Seal(kApiKey, "apikey_A");
  ExpectCannotDecrypt(box.Open(sealed, "apikey_B"), "other row");
  ExpectCannotDecrypt(box.Open(sealed, ""), "no row");
}

TEST(SecretBox, WrongKeyDoesNotOpen) {
  const std::string sealed = SecretBox(Key(1, 'k')).Seal(kApiKey, "row");
  ExpectCannotDecrypt(SecretBox(Key(1, 'j')).Open(sealed, "row"), "same id, other key");
  ExpectCannotDecrypt(SecretBox(Key(2, 'k')).Open(sealed, "row"), "unknown key id");
}

TEST(SecretBox, AnyTamperingIsDetected) {
  const SecretBox box(Key(1, 'k'));
  const std::string raw = Base64UrlDecode(box.Seal(kApiKey, "row")).value();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    std::string changed = raw;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    ExpectCannotDecrypt(box.Open(Base64UrlEncode(changed), "row"), "flipped byte " + std::to_string(i));
  }
  ExpectCannotDecrypt(box.Open(Base64UrlEncode(raw.substr(0, raw.size() - 1)), "row"), "truncated");
  ExpectCannotDecrypt(box.Open(Base64UrlEncode(raw.substr(0, 20)), "row"), "shorter than a header");
  ExpectCannotDecrypt(box.Open("not base64url!", "row"), "not base64url");
  ExpectCannotDecrypt(box.Open("", "row"), "empty");
}

TEST(SecretBox, RotatedKeysStillOpenOldValues) {
  const std::string old_sealed = SecretBox(Key(1, 'o')).Seal(kApiKey, "row");
  const SecretBox rotated(Key(2, 'n'), {Key(1, 'o')});
  EXPECT_EQ(rotated.Open(old_sealed, "row"), std::string(kApiKey));
  const std::string resealed = rotated.Seal(kApiKey, "row");
  EXPECT_EQ(Base64UrlDecode(resealed).value()[1], 2);
  ExpectCannotDecrypt(SecretBox(Key(1, 'o')).Open(resealed, "row"), "old box, new key");
}

TEST(SecretBox, RejectsBadKeys) {
  EXPECT_THROW(SecretBox({1, "short"}), std::invalid_argument);
  EXPECT_THROW(SecretBox(Key(1, 'a'), {{2, std::string(33, 'b')}}), std::invalid_argument);
  EXPECT_THROW(SecretBox(Key(1, 'a'), {Key(1, 'b')}), std::invalid_argument);
}

TEST(DecodeMasterKey, AcceptsExactly32Bytes) {
  const std::string key(32, '\x42');
  EXPECT_EQ(DecodeMasterKey(Base64UrlEncode(key)), key);
  EXPECT_FALSE(DecodeMasterKey(Base64UrlEncode(std::string(31, 'x'))).has_value());
  EXPECT_FALSE(DecodeMasterKey(Base64UrlEncode(std::string(33, 'x'))).has_value());
  EXPECT_FALSE(DecodeMasterKey("not base64!").has_value());
}

class MasterKeyFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("portal-security-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const fs::path& path, const std::string& text, fs::perms perms) {
    std::ofstream(path, std::ios::binary) << text;
    fs::permissions(path, perms);
  }

  fs::path dir_;
};

TEST_F(MasterKeyFile, CreatesA0600FileOnFirstRunAndReadsItBack) {
  const fs::path path = dir_ / "master.key";
  const auto created = LoadOrCreateMasterKey(path);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(created->size(), 32U);

  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600U);
  std::ifstream in(path);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(Base64UrlDecode(text).value(), *created);

  EXPECT_EQ(LoadOrCreateMasterKey(path), *created);
}

TEST_F(MasterKeyFile, AcceptsAnOperatorWrittenKeyWithTrailingNewline) {
  const fs::path path = dir_ / "master.key";
  const std::string key(32, '\x07');
  Write(path, Base64UrlEncode(key) + "\n", fs::perms::owner_read);
  EXPECT_EQ(LoadOrCreateMasterKey(path), key);
}

TEST_F(MasterKeyFile, RefusesAFileOthersCanRead) {
  const fs::path path = dir_ / "master.key";
  Write(path, Base64UrlEncode(std::string(32, 'k')),
        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  const auto loaded = LoadOrCreateMasterKey(path);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("chmod 600"), std::string::npos) << loaded.error().message;
  EXPECT_NE(loaded.error().message.find(path.string()), std::string::npos);

  fs::permissions(path, fs::perms::owner_read | fs::perms::others_read);
  EXPECT_FALSE(LoadOrCreateMasterKey(path).has_value());
}

TEST_F(MasterKeyFile, RefusesAKeyOfTheWrongLength) {
  const fs::path path = dir_ / "master.key";
  Write(path, Base64UrlEncode(std::string(16, 'k')) + "\n", fs::perms::owner_read | fs::perms::owner_write);
  const auto loaded = LoadOrCreateMasterKey(path);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("32-byte"), std::string::npos) << loaded.error().message;

  Write(path, "", fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_FALSE(LoadOrCreateMasterKey(path).has_value());
  Write(path, "this is not base64url at all!", fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_FALSE(LoadOrCreateMasterKey(path).has_value());
}

TEST_F(MasterKeyFile, ReportsADirectoryThatDoesNotExist) {
  const auto loaded = LoadOrCreateMasterKey(dir_ / "missing" / "master.key");
  ASSERT_FALSE(loaded.has_value());
  EXPECT_NE(loaded.error().message.find("cannot create"), std::string::npos) << loaded.error().message;
}

TEST_F(MasterKeyFile, RefusesADirectory) { EXPECT_FALSE(LoadOrCreateMasterKey(dir_).has_value()); }

}  // namespace
}  // namespace portal::security
