#pragma once
// Units over time (DESIGN.md, "Units over time: a dated hierarchy"). A unit exists from its
// `valid_from` to its `valid_to`, both inclusive, an absent bound being unbounded. A succession
// says that on its date the unit `from`, whose last day was the day before, passes what it owns
// to `to`, which exists on that date: wholly, or for a share (a split), several `from`s to one
// `to` being a merge. A unit that ends without a succession passes what it owns to its parent.
// Where a task or an indicator value counts on the map of a date is placement.hpp's business;
// this header holds the rules a dated model keeps, written once for validate() on a draft and
// for the model's mutations:
//   - a unit's valid_from is not after its valid_to, and both are within limits::in_range;
//   - a unit's parent exists on every day the unit exists;
//   - a succession's `from` ends the day before its date (valid_to = date − 1), its `to` exists
//     on the date, its date is within limits, and it is not listed twice;
//   - a share is in (0, 1]; the rows of one `from` and date either all give a share, and those
//     sum to 1 (within 1e-9), or none does (equal parts);
//   - successions never form a cycle (reported unit by unit);
//   - owners' dates, where they matter: a task completed before its owner exists, and an
//     indicator whose period ends before its owner exists, are problems: that work or value
//     belongs to a unit that existed then. Work recorded after the owner ceased to exist (a
//     completion after its valid_to, a due date, a later period) is fine: it is placed forward
//     onto the successors, which is what successions are for.
//
// The checks are templates with one instance, their types spelled through detail::deferred, so
// that a TU that includes this header and checks nothing compiles none of their code (issue 13).
#include "date.hpp"
#include "detail/deferred.hpp"
#include "detail/field_checks.hpp"
#include "digraph.hpp"
#include "error.hpp"
#include "ids.hpp"
#include "indicator.hpp"
#include "limits.hpp"
#include "task.hpp"
#include "unit.hpp"

#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace plangraph {

/// On `on`, `from` passes what it owns to `to`: the part `share`, or an equal part among the
/// successions of the same `from` and date when absent.
struct succession {
    unit_id from = no_id<unit_id>;
    unit_id to = no_id<unit_id>;
    date on{boost::gregorian::not_a_date_time};
    std::optional<double> share{};

    bool operator==(const succession&) const = default;
};

/// Whether `u` exists on `day`.
inline bool alive_on(const unit& u, date day) {
    return (!u.valid_from || *u.valid_from <= day) && (!u.valid_to || day <= *u.valid_to);
}

/// Whether a unit has dates (a model is dated when one has, or when it has successions).
inline bool has_dates(const unit& u) { return u.valid_from || u.valid_to; }

namespace detail {

/// Tolerance of "the shares of one from and date sum to 1".
inline constexpr double share_tolerance = 1e-9;

/// A rule broken by dated data: which row of which kind, and which field, so a draft can point
/// at the cell and the model can name it in its refusal.
struct dated_problem {
    enum class row_kind { unit, succession, task, indicator };
    problem_kind kind{};
    std::string message{};
    std::vector<std::string> ids{};
    row_kind row_of = row_kind::unit;
    std::size_t row = 0;
    const char* field = "";
};

template <class D = void>
std::string day_text(const deferred<std::optional<date>, D>& d) { return d ? format_date(*d) : std::string("none"); }

/// The unit's own dates, and that its parent covers them. `parent` may be null (a root, or a
/// parent that did not resolve).
template <class D = void>
void check_unit_dates(const deferred<unit, D>& u, const unit* parent, std::size_t row,
                      deferred_vector<dated_problem, D>& out) {
    using rk = dated_problem::row_kind;
    auto bad_range = [&](const std::optional<date>& d, const char* field) {
        if (d && !limits::in_range(*d))
            out.push_back({problem_kind::invalid_value,
                           "unit " + u.key + ": " + field + " " + format_date(*d) + " is outside " +
                               format_date(limits::min_date()) + ".." + format_date(limits::max_date()),
                           {u.key}, rk::unit, row, field});
    };
    bad_range(u.valid_from, "valid_from");
    bad_range(u.valid_to, "valid_to");
    if (u.valid_from && u.valid_to && *u.valid_to < *u.valid_from)
        out.push_back({problem_kind::invalid_value,
                       "unit " + u.key + ": valid_from " + format_date(*u.valid_from) + " is after valid_to " +
                           format_date(*u.valid_to),
                       {u.key}, rk::unit, row, "valid_from"});
    if (!parent) return;
    auto uncovered = [&](const std::string& detail) {
        out.push_back({problem_kind::invalid_value,
                       "unit " + u.key + ": parent " + parent->key + " does not exist on every day " + u.key +
                           " does (" + detail + ")",
                       {u.key, parent->key}, rk::unit, row, "parent"});
    };
    if (parent->valid_from && (!u.valid_from || *u.valid_from < *parent->valid_from))
        uncovered(u.key + " from " + day_text(u.valid_from) + ", " + parent->key + " only from " +
                  format_date(*parent->valid_from));
    if (parent->valid_to && (!u.valid_to || *parent->valid_to < *u.valid_to))
        uncovered(u.key + " until " + day_text(u.valid_to) + ", " + parent->key + " only until " +
                  format_date(*parent->valid_to));
}

template <class D = void>
std::string succession_text(const deferred<unit, D>& from, const unit& to, date on) {
    return "succession " + from.key + " -> " + to.key + " on " + format_date(on);
}

/// The successions' rules (see the header comment). `unit_at(id)` gives a unit with its key and
/// dates; every succession's ends are valid ids.
template <class UnitAt>
void check_successions(std::size_t unit_count, UnitAt unit_at, std::span<const succession> ss,
                       deferred_vector<dated_problem, UnitAt>& out) {
    using rk = dated_problem::row_kind;
    deferred<std::map<std::tuple<std::size_t, date, std::size_t>, std::size_t>, UnitAt> seen;  // (from, date, to) → row
    deferred<std::map<std::pair<std::size_t, date>, std::vector<std::size_t>>, UnitAt> groups;  // (from, date) → rows
    for (std::size_t i = 0; i < ss.size(); ++i) {
        const auto& s = ss[i];
        const unit& from = unit_at(s.from);
        const unit& to = unit_at(s.to);
        if (!limits::in_range(s.on)) {
            out.push_back({problem_kind::invalid_value,
                           "succession " + from.key + " -> " + to.key + ": date " +
                               (s.on.is_special() ? std::string("missing") : format_date(s.on)) + " is outside " +
                               format_date(limits::min_date()) + ".." + format_date(limits::max_date()),
                           {from.key, to.key}, rk::succession, i, "date"});
            continue;
        }
        const auto what = succession_text(from, to, s.on);
        if (auto [it, fresh] = seen.try_emplace({index(s.from), s.on, index(s.to)}, i); !fresh) {
            out.push_back({problem_kind::duplicate_id, what + " listed twice", {from.key, to.key}, rk::succession, i, "from"});
            continue;
        }
        groups[{index(s.from), s.on}].push_back(i);
        const date eve = s.on - boost::gregorian::days(1);
        if (!from.valid_to || *from.valid_to != eve)
            out.push_back({problem_kind::invalid_value,
                           what + ": " + from.key + " must end the day before (valid_to " + format_date(eve) +
                               "), but its valid_to is " + day_text(from.valid_to),
                           {from.key, to.key}, rk::succession, i, "from"});
        if (!alive_on(to, s.on))
            out.push_back({problem_kind::invalid_value,
                           what + ": " + to.key + " does not exist on that day (valid_from " + day_text(to.valid_from) +
                               ", valid_to " + day_text(to.valid_to) + ")",
                           {from.key, to.key}, rk::succession, i, "to"});
        if (s.share && !(std::isfinite(*s.share) && *s.share > 0.0 && *s.share <= 1.0))
            out.push_back({problem_kind::invalid_value,
                           what + ": share " + number_text(*s.share) + " is outside (0, 1]", {from.key, to.key},
                           rk::succession, i, "share"});
    }
    for (const auto& [key, rows] : groups) {
        const unit& from = unit_at(make_id<unit_id>(key.first));
        const auto what = "successions of " + from.key + " on " + format_date(key.second);
        std::size_t given = 0;
        double sum = 0.0;
        for (auto i : rows)
            if (ss[i].share) ++given, sum += *ss[i].share;
        if (given != 0 && given != rows.size())
            out.push_back({problem_kind::invalid_value, what + ": some rows give a share and others do not",
                           {from.key}, rk::succession, rows.front(), "share"});
        else if (given != 0 && std::isfinite(sum) && std::abs(sum - 1.0) > share_tolerance)
            out.push_back({problem_kind::invalid_value, what + ": shares sum to " + number_text(sum) + ", not 1",
                           {from.key}, rk::succession, rows.front(), "share"});
    }
    deferred_vector<digraph::vertex, UnitAt> src, dst;
    for (const auto& s : ss) {
        src.push_back(static_cast<digraph::vertex>(index(s.from)));
        dst.push_back(static_cast<digraph::vertex>(index(s.to)));
    }
    const deferred<digraph, UnitAt> g(unit_count, src, dst);
    for (const auto& cycle : topological_order(g).cycles) {
        deferred_vector<std::string, UnitAt> names;
        for (auto v : cycle) names.push_back(unit_at(make_id<unit_id>(v)).key);
        std::size_t row = 0;  // the succession leaving the cycle's first unit inside the cycle
        const auto next = cycle.size() > 1 ? cycle[1] : cycle[0];
        for (auto e : g.out_edges(cycle[0]))
            if (g.target(e) == next) { row = e; break; }
        out.push_back({problem_kind::cycle, "succession cycle: " + cycle_error::join(names), names, rk::succession, row,
                       "from"});
    }
}

/// A task completed before its owner exists.
template <class D = void>
void check_owner_dates(const deferred<task_view, D>& t, const unit& owner, std::size_t row,
                       deferred_vector<dated_problem, D>& out) {
    if (t.completed && owner.valid_from && *t.completed < *owner.valid_from)
        out.push_back({problem_kind::invalid_value,
                       std::string("task ").append(t.key).append(": completed ").append(format_date(*t.completed))
                           .append(", before its unit ").append(owner.key).append(" exists (valid_from ")
                           .append(format_date(*owner.valid_from)).append(")"),
                       {std::string(t.key), owner.key}, dated_problem::row_kind::task, row, "completed"});
}

/// An indicator whose period ends before its owner exists.
template <class D = void>
void check_owner_dates(const deferred<indicator, D>& x, const unit& owner, std::size_t row,
                       deferred_vector<dated_problem, D>& out) {
    if (x.period && owner.valid_from && x.period->last() < *owner.valid_from)
        out.push_back({problem_kind::invalid_value,
                       "indicator " + x.key + ": its period ends " + format_date(x.period->last()) + ", before its unit " +
                           owner.key + " exists (valid_from " + format_date(*owner.valid_from) + ")",
                       {x.key, owner.key}, dated_problem::row_kind::indicator, row, "period"});
}

/// The messages of dated problems, one per line, for a refused mutation.
template <class D = void>
std::string join_messages(const deferred_vector<dated_problem, D>& ps) {
    deferred<std::string, D> s;
    for (const auto& p : ps) s += (s.empty() ? "" : "\n") + p.message;
    return s;
}

}  // namespace detail

}  // namespace plangraph
