#include "app/demo_prompts.hpp"

#include <optional>
#include <vector>

#include "domain/prompt_service.hpp"

namespace portal::app {
namespace {

constexpr char kSeededKey[] = "demo.prompts_seeded";
constexpr char kCategory[] = "ランディングページ";

struct DemoPrompt {
  const char* organization;  // "" = portal-wide public
  const char* title;
  const char* description;
  const char* category;
  std::vector<std::string> tags;
  const char* content;
};

const std::vector<DemoPrompt>& DemoPrompts() {
  static const std::vector<DemoPrompt> kPrompts = {
      {"",
       "LP分析 (1/3)：成功したLPのコピーをフレームワークにする",
       "3ステップのLP制作フローの1つ目。成果の出たランディングページのコピーを、別の商品にも使える構成"
       "（フレームワーク）に分解します。出力は「LP素材集め (2/3)」と「LP作成 (3/3)」の 'フレームワーク' に渡します。",
       kCategory,
       {"LPテンプレート", "コピーライティング", "ステップ1"},
       R"(あなたは経験豊富なダイレクトレスポンス・コピーライターです。
以下は成果を上げたランディングページ（{{参考LPの名称}}）のコピーです。

---
{{参考LPのコピー}}
---

このコピーを、別の商品にも使える「フレームワーク」に分解してください。
1. セクション構成（ファーストビュー、問題提起、解決策、ベネフィット、社会的証明、オファー、FAQ、CTA など）を上から順に列挙する
2. 各セクションについて「目的」「読み手の心理」「使われている型（例：ビフォー/アフター、数字で示す実績）」を説明する
3. 各セクションを書くのに必要な情報を「入力項目」として抽象化する（例：ターゲットの悩み、実績の数字、価格と特典）

出力は見出し付きのMarkdownにし、最後に入力項目の一覧をまとめてください。)"},
      {"",
       "LP素材集め (2/3)：フレームワークに必要な事実をヒアリングする",
       "3ステップのLP制作フローの2つ目。「LP分析 (1/3)」で作ったフレームワークを埋めるために、依頼者から集める"
       "事実を質問リストにします。回答は「LP作成 (3/3)」の '事実' に渡します。",
       kCategory,
       {"LPテンプレート", "ヒアリング", "ステップ2"},
       R"(以下はランディングページのフレームワークです。

---
{{フレームワーク}}
---

このフレームワークで「{{商品名}}」のランディングページを書くために、依頼者から集めるべき事実を質問リストにしてください。
- 入力項目ごとに、具体的な質問文と回答例を1つずつ書く
- 数字・実績・お客様の声など裏付けが必要な項目には「根拠資料」の欄を設ける
- すでに分かっている情報で埋まる項目は「回答済み」と明記する

すでに分かっている情報:
{{既知の情報}}

最後に、未回答の項目だけを表にまとめてください。)"},
      {"",
       "LP作成 (3/3)：フレームワークと事実から新しいコピーを書く",
       "3ステップのLP制作フローの最後。「LP分析 (1/3)」のフレームワークと「LP素材集め (2/3)」で集めた事実から、"
       "新しい商品のランディングページのコピーを書きます。事実にない数字は作りません。",
       kCategory,
       {"LPテンプレート", "コピーライティング", "ステップ3"},
       R"(あなたはコンバージョン率の高いランディングページを書くコピーライターです。
次のフレームワークと事実だけを使って、「{{商品名}}」のランディングページのコピーを書いてください。

# フレームワーク
{{フレームワーク}}

# 事実（ヒアリング結果）
{{事実}}

# 条件
- ターゲット: {{ターゲット}}
- トーン: {{トーン}}
- 事実にない数字や実績は作らず、足りない情報は「【要確認】」と書く
- セクションごとに見出しを付け、CTAの文言を3案出す)"},
      {"株式会社サンプル",
       "コードレビュー依頼（社内規約）",
       "株式会社サンプルの開発チーム向け。社内コーディング規約に沿ったレビューを依頼します。",
       "開発",
       {"コードレビュー", "社内"},
       R"(次の{{言語}}のコードを、株式会社サンプルの社内コーディング規約に沿ってレビューしてください。
指摘は「重大」「改善」「好み」に分類し、修正案をコードで示してください。

```
{{コード}}
```)"},
      {"テスト商事",
       "提案メールの下書き",
       "テスト商事の営業チーム向け。商談メモから顧客への提案メールを下書きします。",
       "営業",
       {"メール", "営業"},
       R"({{顧客名}}様向けに、{{商品名}}のご提案メールを書いてください。
前回の商談メモ:
{{商談メモ}}

丁寧かつ簡潔に。件名を3案、本文は400字以内でお願いします。)"},
  };
  return kPrompts;
}

}  // namespace

Status SeedDemoPrompts(domain::Store& store, const Clock& clock, const std::string& super_admin_email,
                       const std::map<std::string, std::string>& organization_ids) {
  bool first_time = false;
  domain::Actor actor;
  auto claimed = store.Write([&](domain::Tx& tx) -> Status {
    auto super = tx.Users().FindByEmail(super_admin_email);
    if (!super) return Fail(super.error());
    actor.user_id = super->id;
    actor.name = super->name;
    actor.email = super->email;
    actor.role = super->role;
    actor.request_id = "demo-seed";
    auto inserted = tx.Settings().InsertIfAbsent(kSeededKey, "1", ToUnixMillis(clock.Now()));
    if (!inserted) return Fail(inserted.error());
    first_time = *inserted;
    return {};
  });
  if (!claimed) return claimed;
  if (!first_time) return {};

  domain::PromptService prompts(store, clock);
  for (const auto& spec : DemoPrompts()) {
    domain::NewPrompt input;
    input.title = spec.title;
    input.description = spec.description;
    input.category = spec.category;
    input.tags = spec.tags;
    input.content = spec.content;
    input.change_note = "デモデータ";
    if (*spec.organization) {
      auto org = organization_ids.find(spec.organization);
      if (org == organization_ids.end())
        return Fail(Error::Internal(std::string("demo organization missing: ") + spec.organization));
      input.visibility = domain::PromptVisibility::kOrganization;
      input.organization_id = org->second;
    } else {
      input.visibility = domain::PromptVisibility::kPublic;
    }
    if (auto created = prompts.Create(actor, input); !created) return Fail(created.error());
  }
  return {};
}

}  // namespace portal::app
