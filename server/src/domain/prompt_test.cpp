// Rendering of {{variables}} (R-P1): fills, reports missing, leaves everything else alone.
#include <gtest/gtest.h>

#include "domain/prompt.hpp"

namespace portal::domain {
namespace {

using Vars = std::map<std::string, std::string>;

TEST(RenderPromptTemplate, FillsEveryOccurrenceAndAllowsSpacesInsideTheBraces) {
  auto out = RenderPromptTemplate("{{name}}さん、{{ name }}様。商品: {{商品名}}",
                                  Vars{{"name", "田中"}, {"商品名", "Claude"}});
  EXPECT_EQ(out.content, "田中さん、田中様。商品: Claude");
  EXPECT_TRUE(out.missing.empty());
}

TEST(RenderPromptTemplate, ReportsMissingOncePerNameInOrderAndKeepsTheirPlaceholders) {
  auto out = RenderPromptTemplate("{{b}} {{a}} {{b}} {{c}}", Vars{{"c", "3"}});
  EXPECT_EQ(out.content, "{{b}} {{a}} {{b}} 3");
  EXPECT_EQ(out.missing, (std::vector<std::string>{"b", "a"}));
}

TEST(RenderPromptTemplate, LeavesBracesThatAreNoPlaceholderAlone) {
  const std::string text = "json: {\"a\": {\"b\": 1}} {single} {{ }} {{two words}} {{unclosed";
  auto out = RenderPromptTemplate(text, Vars{{"single", "x"}, {"two", "y"}});
  EXPECT_EQ(out.content, text);
  EXPECT_TRUE(out.missing.empty());
  EXPECT_EQ(RenderPromptTemplate("{{{x}}}", Vars{{"x", "1"}}).content, "{1}");
}

TEST(RenderPromptTemplate, NeverEvaluatesOrRescansValues) {
  auto out = RenderPromptTemplate("{{a}} {{b}}", Vars{{"a", "{{b}}"}, {"b", "$(rm -rf /) ${HOME} {{a}}"}});
  EXPECT_EQ(out.content, "{{b}} $(rm -rf /) ${HOME} {{a}}");
  EXPECT_TRUE(out.missing.empty());
}

TEST(RenderPromptTemplate, UnusedVariablesAreIgnoredAndEmptyValuesFill) {
  auto out = RenderPromptTemplate("[{{x}}]", Vars{{"x", ""}, {"unused", "u"}});
  EXPECT_EQ(out.content, "[]");
}

TEST(RenderPromptTemplate, StaysLinearOnPathologicalInput) {
  std::string text;
  for (int i = 0; i < 50'000; ++i) text += "{{";
  auto out = RenderPromptTemplate(text, {});
  EXPECT_EQ(out.content, text);
}

TEST(PromptVariables, ListsDistinctNamesInOrder) {
  EXPECT_EQ(PromptVariables("{{ 見出し }} {{body}} {{見出し}} {not}"), (std::vector<std::string>{"見出し", "body"}));
}

TEST(PromptVisibility, RoundTripsItsNames) {
  for (auto v : {PromptVisibility::kPublic, PromptVisibility::kOrganization, PromptVisibility::kPrivate}) {
    EXPECT_EQ(ParsePromptVisibility(ToString(v)), v);
  }
  EXPECT_FALSE(ParsePromptVisibility("Public"));
}

}  // namespace
}  // namespace portal::domain
