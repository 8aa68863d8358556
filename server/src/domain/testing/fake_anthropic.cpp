#include "domain/testing/fake_anthropic.hpp"

#include <algorithm>
#include <stdexcept>

namespace portal::domain::testing {
namespace {

Error NotFoundUpstream(std::string_view what) {
  return std::move(Error::NotFound(std::string(what) + " not found in Anthropic").WithApiCode("anthropic_not_found"));
}

template <typename T>
auto FindBy(std::vector<T>& items, std::string_view id) {
  return std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
}

// Whether a bucket or row starting at `start` lies in [from, to) (to: open when empty).
bool InRange(std::string_view start, std::string_view from, std::string_view to) {
  return start >= from && (to.empty() || start < to);
}

}  // namespace

void FakeAnthropic::FailNext(Error error) {
  std::lock_guard lock(mutex_);
  fail_any_ = std::move(error);
}

void FakeAnthropic::FailNext(std::string method, Error error) {
  std::lock_guard lock(mutex_);
  fail_method_[std::move(method)] = std::move(error);
}

std::vector<std::string> FakeAnthropic::Calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::size_t FakeAnthropic::CallCount(std::string_view prefix) const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(calls_.begin(), calls_.end(), [&](const std::string& call) { return call.starts_with(prefix); }));
}

void FakeAnthropic::ClearCalls() {
  std::lock_guard lock(mutex_);
  calls_.clear();
}

std::optional<ApiKey> FakeAnthropic::Key(std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(keys.begin(), keys.end(), [&](const ApiKey& k) { return k.id == id; });
  if (it == keys.end()) return std::nullopt;
  return *it;
}

std::optional<Workspace> FakeAnthropic::FindWorkspace(std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(workspaces.begin(), workspaces.end(), [&](const Workspace& w) { return w.id == id; });
  if (it == workspaces.end()) return std::nullopt;
  return *it;
}

std::optional<Error> FakeAnthropic::Enter(std::string_view method, std::string call) {
  if (on_call) on_call(call);
  calls_.push_back(std::move(call));
  if (auto it = fail_method_.find(method); it != fail_method_.end()) {
    Error error = std::move(it->second);
    fail_method_.erase(it);
    return error;
  }
  if (fail_any_) {
    Error error = std::move(*fail_any_);
    fail_any_.reset();
    return error;
  }
  return std::nullopt;
}

template <typename T>
Status FakeAnthropic::Stream(const std::vector<T>& items, const PageCallback<T>& on_page) {
  // Called under mutex_; the callback may not call back into the fake (the real client's
  // callbacks do not either).
  const std::size_t size = std::max<std::size_t>(page_size, 1);
  for (std::size_t start = 0; start < items.size(); start += size) {
    const std::size_t count = std::min(size, items.size() - start);
    if (auto s = on_page(std::span<const T>(items.data() + start, count)); !s) return s;
  }
  return {};
}

#define PORTAL_FAKE_ENTER(method, call) \
  if (auto injected = Enter(method, call)) return Fail(*injected)

Result<OrganizationInfo> FakeAnthropic::GetOrganization() {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("GetOrganization", "GetOrganization");
  return organization;
}

Status FakeAnthropic::ForEachWorkspace(const WorkspaceFilter& filter, const PageCallback<Workspace>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachWorkspace",
                    std::string("ForEachWorkspace include_archived=") + (filter.include_archived ? "true" : "false"));
  std::vector<Workspace> listed;
  for (const auto& w : workspaces) {
    if (filter.include_archived || !w.archived_at) listed.push_back(w);
  }
  return Stream(listed, on_page);
}

Result<Workspace> FakeAnthropic::GetWorkspace(std::string_view workspace_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("GetWorkspace", "GetWorkspace " + std::string(workspace_id));
  auto it = FindBy(workspaces, workspace_id);
  if (it == workspaces.end()) return Fail(NotFoundUpstream("workspace"));
  return *it;
}

Result<Workspace> FakeAnthropic::CreateWorkspace(const WorkspaceCreate& request) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("CreateWorkspace", "CreateWorkspace " + request.name);
  Workspace w;
  w.id = "wrkspc_fake" + std::to_string(next_id_++);
  w.name = request.name;
  w.display_color = request.display_color.value_or("#6C5BB9");
  w.created_at = now;
  workspaces.push_back(w);
  return w;
}

Result<Workspace> FakeAnthropic::UpdateWorkspace(std::string_view workspace_id, const WorkspaceUpdate& update) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("UpdateWorkspace",
                    "UpdateWorkspace " + std::string(workspace_id) + (update.name ? " name=" + *update.name : ""));
  auto it = FindBy(workspaces, workspace_id);
  if (it == workspaces.end()) return Fail(NotFoundUpstream("workspace"));
  if (it->archived_at) return Fail(Error::InvalidArgument("an archived workspace cannot be changed"));
  if (update.name) it->name = *update.name;
  if (update.display_color) it->display_color = *update.display_color;
  return *it;
}

Result<Workspace> FakeAnthropic::ArchiveWorkspace(std::string_view workspace_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ArchiveWorkspace", "ArchiveWorkspace " + std::string(workspace_id));
  auto it = FindBy(workspaces, workspace_id);
  if (it == workspaces.end()) return Fail(NotFoundUpstream("workspace"));
  if (!it->archived_at) it->archived_at = now;
  for (auto& k : keys) {
    if (k.workspace_id == workspace_id) k.status = ApiKeyStatus::kArchived;
  }
  return *it;
}

Status FakeAnthropic::ForEachWorkspaceMember(std::string_view workspace_id,
                                             const PageCallback<WorkspaceMember>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachWorkspaceMember", "ForEachWorkspaceMember " + std::string(workspace_id));
  std::vector<WorkspaceMember> listed;
  for (const auto& m : members) {
    if (m.workspace_id == workspace_id) listed.push_back(m);
  }
  return Stream(listed, on_page);
}

Result<WorkspaceMember> FakeAnthropic::GetWorkspaceMember(std::string_view workspace_id, std::string_view user_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("GetWorkspaceMember",
                    "GetWorkspaceMember " + std::string(workspace_id) + " " + std::string(user_id));
  for (const auto& m : members) {
    if (m.workspace_id == workspace_id && m.user_id == user_id) return m;
  }
  return Fail(NotFoundUpstream("workspace member"));
}

Result<WorkspaceMember> FakeAnthropic::AddWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                                          std::string_view workspace_role) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("AddWorkspaceMember", "AddWorkspaceMember " + std::string(workspace_id) + " " +
                                              std::string(user_id) + " " + std::string(workspace_role));
  for (const auto& m : members) {
    if (m.workspace_id == workspace_id && m.user_id == user_id) {
      return Fail(Error::Conflict("already a member of the workspace"));
    }
  }
  members.push_back({std::string(user_id), std::string(workspace_id), std::string(workspace_role)});
  return members.back();
}

Result<WorkspaceMember> FakeAnthropic::UpdateWorkspaceMember(std::string_view workspace_id, std::string_view user_id,
                                                             std::string_view workspace_role) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("UpdateWorkspaceMember", "UpdateWorkspaceMember " + std::string(workspace_id) + " " +
                                                 std::string(user_id) + " " + std::string(workspace_role));
  for (auto& m : members) {
    if (m.workspace_id == workspace_id && m.user_id == user_id) {
      m.workspace_role = workspace_role;
      return m;
    }
  }
  return Fail(NotFoundUpstream("workspace member"));
}

Status FakeAnthropic::RemoveWorkspaceMember(std::string_view workspace_id, std::string_view user_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("RemoveWorkspaceMember",
                    "RemoveWorkspaceMember " + std::string(workspace_id) + " " + std::string(user_id));
  const auto removed = std::erase_if(
      members, [&](const WorkspaceMember& m) { return m.workspace_id == workspace_id && m.user_id == user_id; });
  if (removed == 0) return Fail(NotFoundUpstream("workspace member"));
  return {};
}

Status FakeAnthropic::ForEachApiKey(const ApiKeyFilter& filter, const PageCallback<ApiKey>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachApiKey", "ForEachApiKey");
  if (filter.status == ApiKeyStatus::kUnknown) return Fail(Error::InvalidArgument("unknown status"));
  std::vector<ApiKey> listed;
  for (const auto& k : keys) {
    if (filter.status && k.status != *filter.status) continue;
    if (filter.workspace_id && k.workspace_id != filter.workspace_id) continue;
    if (filter.created_by_user_id && (!k.created_by || k.created_by->id != *filter.created_by_user_id)) continue;
    listed.push_back(k);
  }
  return Stream(listed, on_page);
}

Result<ApiKey> FakeAnthropic::GetApiKey(std::string_view api_key_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("GetApiKey", "GetApiKey " + std::string(api_key_id));
  auto it = FindBy(keys, api_key_id);
  if (it == keys.end()) return Fail(NotFoundUpstream("API key"));
  return *it;
}

Result<ApiKey> FakeAnthropic::UpdateApiKey(std::string_view api_key_id, const ApiKeyUpdate& update) {
  std::lock_guard lock(mutex_);
  std::string call = "UpdateApiKey " + std::string(api_key_id);
  if (update.name) call += " name=" + *update.name;
  if (update.status) call += " status=" + std::string(ToString(*update.status));
  PORTAL_FAKE_ENTER("UpdateApiKey", std::move(call));
  auto it = FindBy(keys, api_key_id);
  if (it == keys.end()) return Fail(NotFoundUpstream("API key"));
  if (it->status == ApiKeyStatus::kArchived && update.status && *update.status != ApiKeyStatus::kArchived) {
    return Fail(Error::InvalidArgument("an archived API key cannot be re-activated"));
  }
  if (update.name) it->name = *update.name;
  if (update.status) it->status = *update.status;
  return *it;
}

Status FakeAnthropic::ForEachUser(const UserFilter& filter, const PageCallback<AdminUser>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachUser", "ForEachUser");
  std::vector<AdminUser> listed;
  for (const auto& u : users) {
    if (!filter.email || u.email == *filter.email) listed.push_back(u);
  }
  return Stream(listed, on_page);
}

Result<AdminUser> FakeAnthropic::GetUser(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("GetUser", "GetUser " + std::string(user_id));
  auto it = FindBy(users, user_id);
  if (it == users.end()) return Fail(NotFoundUpstream("user"));
  return *it;
}

Result<AdminUser> FakeAnthropic::UpdateUser(std::string_view user_id, std::string_view role) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("UpdateUser", "UpdateUser " + std::string(user_id) + " " + std::string(role));
  auto it = FindBy(users, user_id);
  if (it == users.end()) return Fail(NotFoundUpstream("user"));
  it->role = role;
  return *it;
}

Status FakeAnthropic::RemoveUser(std::string_view user_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("RemoveUser", "RemoveUser " + std::string(user_id));
  if (std::erase_if(users, [&](const AdminUser& u) { return u.id == user_id; }) == 0) {
    return Fail(NotFoundUpstream("user"));
  }
  return {};
}

Result<Invite> FakeAnthropic::CreateInvite(std::string_view email, std::string_view role) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("CreateInvite", "CreateInvite " + std::string(email) + " " + std::string(role));
  Invite invite;
  invite.id = "invite_fake" + std::to_string(next_id_++);
  invite.email = email;
  invite.role = role;
  invite.status = "pending";
  invite.invited_at = now;
  invite.expires_at = now;
  invites.push_back(invite);
  return invite;
}

Status FakeAnthropic::ForEachInvite(const PageCallback<Invite>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachInvite", "ForEachInvite");
  return Stream(invites, on_page);
}

Result<Invite> FakeAnthropic::GetInvite(std::string_view invite_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("GetInvite", "GetInvite " + std::string(invite_id));
  auto it = FindBy(invites, invite_id);
  if (it == invites.end()) return Fail(NotFoundUpstream("invite"));
  return *it;
}

Status FakeAnthropic::DeleteInvite(std::string_view invite_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("DeleteInvite", "DeleteInvite " + std::string(invite_id));
  if (std::erase_if(invites, [&](const Invite& i) { return i.id == invite_id; }) == 0) {
    return Fail(NotFoundUpstream("invite"));
  }
  return {};
}

Status FakeAnthropic::ForEachUsageBucket(const UsageReportQuery& query, const PageCallback<UsageBucket>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachUsageBucket", "ForEachUsageBucket " + query.starting_at);
  std::vector<UsageBucket> listed;
  for (const auto& b : usage_buckets) {
    if (InRange(b.starting_at, query.starting_at, query.ending_at.value_or(""))) listed.push_back(b);
  }
  return Stream(listed, on_page);
}

Status FakeAnthropic::ForEachCostBucket(const CostReportQuery& query, const PageCallback<CostBucket>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachCostBucket", "ForEachCostBucket " + query.starting_at);
  std::vector<CostBucket> listed;
  for (const auto& b : cost_buckets) {
    if (InRange(b.starting_at, query.starting_at, query.ending_at.value_or(""))) listed.push_back(b);
  }
  return Stream(listed, on_page);
}

Status FakeAnthropic::ForEachAnalyticsUsage(const AnalyticsQuery& query,
                                            const PageCallback<AnalyticsUsageRow>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachAnalyticsUsage", "ForEachAnalyticsUsage " + query.starting_at);
  std::vector<AnalyticsUsageRow> listed;
  for (const auto& r : analytics_usage) {
    if (InRange(r.starting_at, query.starting_at, query.ending_at)) listed.push_back(r);
  }
  return Stream(listed, on_page);
}

Status FakeAnthropic::ForEachAnalyticsCost(const AnalyticsQuery& query, const PageCallback<AnalyticsCostRow>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachAnalyticsCost", "ForEachAnalyticsCost " + query.starting_at);
  std::vector<AnalyticsCostRow> listed;
  for (const auto& r : analytics_cost) {
    if (InRange(r.starting_at, query.starting_at, query.ending_at)) listed.push_back(r);
  }
  return Stream(listed, on_page);
}

Status FakeAnthropic::ForEachOrganizationRateLimit(const PageCallback<RateLimitGroup>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachOrganizationRateLimit", "ForEachOrganizationRateLimit");
  return Stream(organization_rate_limits, on_page);
}

Status FakeAnthropic::ForEachWorkspaceRateLimit(std::string_view workspace_id, bool include_inherited,
                                                const PageCallback<RateLimitGroup>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachWorkspaceRateLimit", "ForEachWorkspaceRateLimit " + std::string(workspace_id));
  const auto overrides_it = workspace_rate_limits.find(std::string(workspace_id));
  const std::vector<RateLimitGroup> none;
  const auto& overrides = overrides_it == workspace_rate_limits.end() ? none : overrides_it->second;
  std::vector<RateLimitGroup> listed;
  for (const auto& org_group : organization_rate_limits) {
    auto over = std::find_if(overrides.begin(), overrides.end(),
                             [&](const RateLimitGroup& g) { return g.rate_limit_id == org_group.rate_limit_id; });
    RateLimitGroup group = org_group;
    group.limits.clear();
    for (const auto& org_value : org_group.limits) {
      RateLimitValue value = org_value;
      value.org_limit = org_value.value;
      value.source = "organization";
      if (over != overrides.end()) {
        for (const auto& v : over->limits) {
          if (v.type == org_value.type) {
            value.value = v.value;
            value.source = "workspace";
          }
        }
      }
      if (include_inherited || value.source == "workspace") group.limits.push_back(value);
    }
    if (!group.limits.empty()) listed.push_back(std::move(group));
  }
  return Stream(listed, on_page);
}

Result<RateLimitGroup> FakeAnthropic::SetWorkspaceRateLimits(std::string_view workspace_id,
                                                             std::string_view rate_limit_id,
                                                             const std::vector<RateLimitChange>& changes) {
  std::lock_guard lock(mutex_);
  std::string call = "SetWorkspaceRateLimits " + std::string(workspace_id) + " " + std::string(rate_limit_id);
  for (const auto& change : changes) {
    call += " " + change.type + "=" + (change.value ? std::to_string(*change.value) : "null");
  }
  PORTAL_FAKE_ENTER("SetWorkspaceRateLimits", std::move(call));
  auto org_group = std::find_if(organization_rate_limits.begin(), organization_rate_limits.end(),
                                [&](const RateLimitGroup& g) { return g.rate_limit_id == rate_limit_id; });
  if (org_group == organization_rate_limits.end()) return Fail(NotFoundUpstream("rate limit"));
  auto& overrides = workspace_rate_limits[std::string(workspace_id)];
  auto group = std::find_if(overrides.begin(), overrides.end(),
                            [&](const RateLimitGroup& g) { return g.rate_limit_id == rate_limit_id; });
  if (group == overrides.end()) {
    RateLimitGroup fresh = *org_group;
    fresh.limits.clear();
    overrides.push_back(std::move(fresh));
    group = std::prev(overrides.end());
  }
  for (const auto& change : changes) {
    std::erase_if(group->limits, [&](const RateLimitValue& v) { return v.type == change.type; });
    if (!change.value) continue;
    RateLimitValue value;
    value.type = change.type;
    value.value = *change.value;
    value.source = "workspace";
    for (const auto& org_value : org_group->limits) {
      if (org_value.type == change.type) value.org_limit = org_value.value;
    }
    group->limits.push_back(value);
  }
  return *group;
}

Status FakeAnthropic::ForEachSpendLimit(const PageCallback<SpendLimit>& on_page) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("ForEachSpendLimit", "ForEachSpendLimit");
  return Stream(spend_limits, on_page);
}

Result<SpendLimit> FakeAnthropic::SetSpendLimit(const std::optional<std::string>& workspace_id,
                                                std::string_view amount) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("SetSpendLimit",
                    "SetSpendLimit " + workspace_id.value_or("organization") + " " + std::string(amount));
  const std::string scope = workspace_id ? "workspace" : "organization";
  auto it = std::find_if(spend_limits.begin(), spend_limits.end(),
                         [&](const SpendLimit& l) { return l.scope_type == scope && l.workspace_id == workspace_id; });
  if (it == spend_limits.end()) {
    SpendLimit fresh;
    fresh.id = "spl_fake" + std::to_string(next_id_++);
    fresh.currency = "USD";
    fresh.period = "monthly";
    fresh.scope_type = scope;
    fresh.workspace_id = workspace_id;
    spend_limits.push_back(std::move(fresh));
    it = std::prev(spend_limits.end());
  }
  it->amount = std::string(amount);
  it->updated_at = now;
  return *it;
}

Status FakeAnthropic::DeleteSpendLimit(std::string_view spend_limit_id) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("DeleteSpendLimit", "DeleteSpendLimit " + std::string(spend_limit_id));
  if (std::erase_if(spend_limits, [&](const SpendLimit& l) { return l.id == spend_limit_id; }) == 0) {
    return Fail(NotFoundUpstream("spend limit"));
  }
  return {};
}

Result<bool> FakeAnthropic::CheckApiKey(std::string_view key_value) {
  std::lock_guard lock(mutex_);
  PORTAL_FAKE_ENTER("CheckApiKey", "CheckApiKey");  // never the value
  return valid_key_values.contains(std::string(key_value));
}

#undef PORTAL_FAKE_ENTER

std::unique_ptr<AnthropicConnection> ConnectFake(Store& store, const Vault& vault, const Clock& clock,
                                                 std::shared_ptr<FakeAnthropic> fake) {
  auto sealed = vault.Seal(kTestAdminKey, kAdminKeySetting);
  if (!sealed) throw std::logic_error("ConnectFake: the vault is sealed");
  auto stored = store.Write([&](Tx& tx) { return tx.Settings().Put(kAdminKeySetting, *sealed, 0); });
  if (!stored) throw std::logic_error("ConnectFake: " + stored.error().message);
  return std::make_unique<AnthropicConnection>(
      store, vault, clock,
      [fake = std::move(fake)](const std::string&, const std::string&) -> std::shared_ptr<AnthropicAdmin> {
        return fake;
      },
      "https://api.anthropic.test");
}

}  // namespace portal::domain::testing
