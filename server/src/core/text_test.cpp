#include "core/text.hpp"

#include <gtest/gtest.h>

namespace portal {
namespace {

TEST(Utf8, DecodesWellFormedTextAndRefusesTheRest) {
  EXPECT_EQ(DecodeUtf8("a", 0).value, U'a');
  auto ja = DecodeUtf8("組", 0);
  EXPECT_TRUE(ja.valid);
  EXPECT_EQ(ja.value, U'組');
  EXPECT_EQ(ja.length, 3u);
  EXPECT_EQ(DecodeUtf8("😀", 0).length, 4u);
  EXPECT_FALSE(DecodeUtf8("\xff", 0).valid);
  EXPECT_FALSE(DecodeUtf8("\xc0\xaf", 0).valid);      // overlong '/'
  EXPECT_FALSE(DecodeUtf8("\xed\xa0\x80", 0).valid);  // a surrogate
  EXPECT_FALSE(DecodeUtf8("\xe7\xb5", 0).valid);      // truncated
  EXPECT_FALSE(DecodeUtf8("\xf4\x90\x80\x80", 0).valid);
}

TEST(Utf8, ControlAndBidiCharacters) {
  EXPECT_TRUE(IsControl(0));
  EXPECT_TRUE(IsControl(0x1B));
  EXPECT_TRUE(IsControl(0x7F));
  EXPECT_TRUE(IsControl(0x9B));
  EXPECT_FALSE(IsControl(U'あ'));
  EXPECT_TRUE(IsBidiControl(0x202E));
  EXPECT_TRUE(IsBidiControl(0x2066));
  EXPECT_FALSE(IsBidiControl(0x200E));
}

TEST(VisibleText, EscapesWhatCouldDriveATerminal) {
  EXPECT_EQ(VisibleText("plain 日本語"), "plain 日本語");
  EXPECT_EQ(VisibleText("\x1b]52;c;aGk=\x07 title"), "\\x1B]52;c;aGk=\\x07 title");
  EXPECT_EQ(VisibleText("a\xe2\x80\xae"
                        "b\xc2\x9b"
                        "c"),
            "a\\u202Eb\\u009Bc");
  EXPECT_EQ(VisibleText("bad \xff byte"), "bad \\xFF byte");
  EXPECT_EQ(VisibleText("line\n\ttab"), "line\\x0A\\x09tab");
  EXPECT_EQ(VisibleText("line\n\ttab\r", true), "line\n\ttab\\x0D");
}

}  // namespace
}  // namespace portal
