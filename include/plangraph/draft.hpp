#pragma once
// A draft is a model as it arrives from outside (CSV, JSON, a user's own source): rows whose
// references are still string ids, each with the place it came from. validate() finds every
// problem of a draft at once; build() turns a valid draft into a model, or throws them all.
#include "attributes.hpp"
#include "detail/deferred.hpp"
#include "error.hpp"
#include "indicator.hpp"
#include "link.hpp"
#include "plan.hpp"
#include "resource.hpp"
#include "succession.hpp"
#include "task.hpp"
#include "unit.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace plangraph {

/// A row's value with its reference fields left unset, the references as string ids, the line it
/// came from (its file is in the draft's file_columns), and the extra columns the format does not
/// know.
struct unit_row {
    unit value{};
    std::string parent{};
    std::string level{};  // a level name or number; empty = by depth
    std::size_t line = 0;  // 1-based; 0 = not from a file
    attributes extra{};
};

struct plan_row {
    plan value{};
    std::string unit{}, parent{};
    std::size_t line = 0;  // 1-based; 0 = not from a file
};

struct task_row {
    task value{};
    std::string unit{}, plan{}, parent{};
    std::size_t line = 0;  // 1-based; 0 = not from a file
    attributes extra{};
};

struct link_row {
    link value{};
    std::string from{}, to{};
    std::size_t line = 0;  // 1-based; 0 = not from a file
};

struct indicator_row {
    indicator value{};
    std::string unit{}, plan{}, parent{};
    std::size_t line = 0;  // 1-based; 0 = not from a file
    attributes extra{};
};

/// A row of successions.csv: the value's ends are set at build.
struct succession_row {
    succession value{};
    std::string from{}, to{};
    std::size_t line = 0;  // 1-based; 0 = not from a file
};

/// A row of resources.csv; the capacity is kept as read, so a fractional one can be reported.
struct resource_row {
    resource value{};
    std::string unit{};
    double capacity = 0;
    std::size_t line = 0;  // 1-based; 0 = not from a file
};

/// A row of demands.csv, its amount as read.
struct demand_row {
    std::string task{}, resource{};
    double amount = 0;
    std::size_t line = 0;  // 1-based; 0 = not from a file
};

struct calendar_row {
    date day{};
    bool working = false;
    std::size_t line = 0;  // 1-based; 0 = not from a file
};

/// The file a kind of row came from and the column of each field, so a problem can point at the
/// cell. Kept once per file rather than in every row.
struct file_columns {
    std::string file{};
    std::map<std::string, std::size_t, std::less<>> column{};  // 1-based

    /// The place of `field` on `line`; unknown when the row did not come from this file.
    /// A template (detail/deferred.hpp) so that the map's look-up is compiled where it is called.
    template <class D = void>
    location at(std::size_t line, std::string_view field = {}) const {
        if (file.empty() || line == 0) return {};
        location where{file, line, 0};
        const detail::deferred<decltype(column), D>& columns = column;
        if (auto it = columns.find(field); it != columns.end()) where.column = it->second;
        return where;
    }
};

struct model_draft {
    std::vector<unit_row> units{};
    std::vector<plan_row> plans{};
    std::vector<task_row> tasks{};
    std::vector<link_row> links{};
    std::vector<indicator_row> indicators{};
    std::vector<calendar_row> calendar{};
    file_columns unit_columns, plan_columns, task_columns, link_columns, indicator_columns, calendar_columns;
    std::vector<succession_row> successions{};
    file_columns succession_columns{};
    bool succession_table = false;  // successions.csv (or the JSON key) exists, even empty: a dated model
    std::vector<resource_row> resources{};
    std::vector<demand_row> demands{};
    file_columns resource_columns{}, demand_columns{};
    std::vector<problem> problems{};  // found while reading (malformed cells, missing columns)
};

}  // namespace plangraph
