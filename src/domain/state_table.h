#pragma once
// A workflow written as one table of rows (action, from-states, to-state,
// roles, required fields, conditions in words) and the one check every
// transition passes: the community-life workflows (topics, convention
// versions) are tables of this shape. State and Action are enums with
// to_string() overloads in namespace weige.

#include <algorithm>
#include <string>
#include <vector>

#include "domain/roles.h"
#include "domain/status.h"

namespace weige {

// Fields an action needs in its input.
enum StepField : unsigned {
  kStepNeedsNothing = 0,
  kStepNeedsReason = 1u << 0,  // why (withdraw)
  kStepNeedsNote = 1u << 1,    // the text of a result (publish)
};

template <typename State, typename Action>
struct TransitionRow {
  Action action;
  std::vector<State> from;
  State to;  // the usual next state; a decide() function may refine it
  std::vector<Role> roles;
  unsigned fields = kStepNeedsNothing;
  const char* rule = "";  // extra conditions, in words
};

struct StepInput {
  std::string reason;
  std::string note;
};

// The row of `action`, after checking the state (kConflict), the role
// (kForbidden) and the required fields (kInvalid). `what` names the subject
// in messages ("topic", "convention version").
template <typename State, typename Action>
Result<const TransitionRow<State, Action>*> check_transition(
    const std::vector<TransitionRow<State, Action>>& table, const char* what, State state,
    Action action, const Actor& actor, const StepInput& in) {
  auto row =
      std::find_if(table.begin(), table.end(), [&](const auto& r) { return r.action == action; });
  if (row == table.end()) return Status::invalid("unknown action");
  std::string verb(to_string(action));
  if (std::find(row->from.begin(), row->from.end(), state) == row->from.end()) {
    return Status::conflict(
        "cannot " + verb + " a " + what + " that is " + std::string(to_string(state)),
        {{"state", to_string(state)}, {"action", verb}});
  }
  if (std::find(row->roles.begin(), row->roles.end(), actor.role) == row->roles.end()) {
    return Status(Code::kForbidden,
                  "a " + std::string(to_string(actor.role)) + " may not " + verb + " a " + what,
                  {{"role", to_string(actor.role)}, {"action", verb}});
  }
  if ((row->fields & kStepNeedsReason) && in.reason.empty()) {
    return Status::invalid("'reason' is required to " + verb, {{"field", "reason"}});
  }
  if ((row->fields & kStepNeedsNote) && in.note.empty()) {
    return Status::invalid("'note' is required to " + verb, {{"field", "note"}});
  }
  return &*row;
}

// The table as Markdown rows: | action | from | to | roles | fields | conditions |
template <typename State, typename Action>
std::string transition_rows_markdown(const std::vector<TransitionRow<State, Action>>& table) {
  std::string md =
      "| action | from | to | roles | required fields | conditions |\n|---|---|---|---|---|---|\n";
  auto join = [](const auto& items) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i)
      s += (i ? ", " : "") + std::string(to_string(items[i]));
    return s;
  };
  for (const auto& row : table) {
    std::string fields = (row.fields & kStepNeedsReason) ? "reason"
                         : (row.fields & kStepNeedsNote) ? "note"
                                                         : "—";
    md += "| `" + std::string(to_string(row.action)) + "` | " + join(row.from) + " | " +
          std::string(to_string(row.to)) + " | " + join(row.roles) + " | " + fields + " | " +
          (*row.rule ? row.rule : "—") + " |\n";
  }
  return md;
}

}  // namespace weige
