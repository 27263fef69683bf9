#pragma once
// The draft load_model_dir reads: a model_draft whose tasks are views into the text of
// tasks.csv, which the draft keeps, instead of rows owning five strings each. At a million
// tasks that is 280 MB of rows and a million names copied once into the draft and once more
// into the model; the views make the read a split of the text in place (issue 13). Validation
// and build read either kind of row (validate.hpp), so both drafts give the same model and the
// same problems, cell for cell.
#include "../draft.hpp"
#include "../task.hpp"

#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <vector>

namespace plangraph::detail {

/// A task_row whose strings are views into a text the draft keeps.
struct task_row_view {
    task_view value{};
    std::string_view unit{}, plan{}, parent{};
    std::size_t line = 0;  // 1-based
    attributes extra{};
};

/// A model_draft whose `tasks` (hiding model_draft's, left empty) view `texts`: the text of
/// tasks.csv, and the cells its reading rewrote (a quoted cell with doubled quotes). Only
/// load_model_dir makes one, and builds it with build_model: seen as a model_draft (build()'s
/// parameter) it would have no tasks.
struct viewed_draft : model_draft {
    std::vector<task_row_view> tasks{};
    // A list (csv_rewrites): neither adding a text nor splicing in another draft's moves one.
    std::list<std::string> texts{};
};

}  // namespace plangraph::detail
