#pragma once
// A rollup kept up to date while the model changes. Statuses depend on the as-of date, so an
// engine is bound to one date: it holds every unit's status_counts for that date and every
// indicator's aggregated figures.
//
// Each update goes through the engine, which asks the model to make the change first: a change
// the model refuses throws model_error and leaves model and rollup as they were. Then:
//   - a task change adds (new contribution − old contribution) to the task's unit and each of
//     its ancestors: O(depth), no other task is read;
//   - an indicator change recomputes that indicator and its ancestors from their children
//     (O(depth × fan-out), stopping where a figure does not move; min, max and last cannot be
//     undone by subtraction), then moves the unit counts of the indicators whose "met" changed
//     along their unit's ancestors.
// Counts stay exact; floating sums (weights, durations) may drift from a full recompute in the
// last bits.
//
// On the map of a date (placement.hpp) the engine keeps the map's rows (units by id, then the
// unmapped row): a task changes its placed row and that row's ancestors on the map, an indicator
// the rows that receive it (map.shares and map.counted_in), so an update to a task or indicator
// of a unit that no longer exists moves the rows of the units that took it over.
#include "aggregate.hpp"
#include "detail/deferred.hpp"
#include "model.hpp"
#include "placement.hpp"
#include "rollup.hpp"
#include "traffic_light.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace plangraph {

template <class Model = model>
class incremental_rollup {
public:
    /// Rolls the whole model up as of `as_of`; the model must outlive the engine and be changed
    /// only through it.
    incremental_rollup(Model& m, date as_of)
        : m_(m), as_of_(as_of), day_(static_cast<std::int32_t>(as_of.day_number())), units_(m.unit_hierarchy()),
          records_(detail::task_records(m.tasks(), [](const task_view& t, std::size_t) {
              return static_cast<std::uint32_t>(index(t.unit));
          })),
          indicator_tree_(m.indicator_hierarchy()) {
        rows_ = detail::rolled_up<unit_id>(units_, detail::own_counts(units_.size(), records_, day_));
        values_ = aggregate_indicators(m.indicators(), indicator_tree_);
        indicator_counts_ = count_indicators(m.indicators(), values_, units_);
        for (const auto& row : m.indicators()) has_target_.push_back(row.target ? 1 : 0);
    }

    /// Rolls the model up as of `as_of` on `map` (a map of this model).
    incremental_rollup(Model& m, date as_of, unit_map map)
        : m_(m), as_of_(as_of), day_(static_cast<std::int32_t>(as_of.day_number())), units_(map.tree()),
          records_(detail::task_records(m.tasks(), [&map](const task_view& t, std::size_t) { return map.place(t.unit); })),
          indicator_tree_(m.indicator_hierarchy()), map_(std::move(map)) {
        rows_ = detail::rolled_up<unit_id>(units_, detail::own_counts(units_.size(), records_, day_));
        values_ = aggregate_indicators(m.indicators(), indicator_tree_);
        indicator_counts_ = count_indicators(m, values_, *map_);
        for (const auto& row : m.indicators()) has_target_.push_back(row.target ? 1 : 0);
    }

    date as_of() const { return as_of_; }
    std::span<const status_counts> units() const { return rows_; }
    const status_counts& operator[](unit_id u) const { return rows_[index(u)]; }
    std::span<const indicator_value> indicators() const { return values_; }
    std::span<const unit_indicator_counts> indicator_counts() const { return indicator_counts_; }
    std::vector<traffic_light> lights(const light_rules& r = {}) const {
        return traffic_lights(units_, rows_, indicator_counts_, r);
    }

    /// The strategy interface: the maintained rollup for the engine's date, a full flat one for
    /// any other.
    std::vector<status_counts> operator()(date as_of) const {
        if (as_of == as_of_) return rows_;
        return flat_tree_rollup<unit_id>(units_, records_)(as_of);
    }

    // ---- task updates ------------------------------------------------------------------------
    // Each reads back from the model the one column it changed (the rest of the record is as
    // it was): an update touches one task's columns as few times as it can.
    void set_completed(task_id t, std::optional<date> d) {
        change(t, [&] { m_.set_completed(t, d); }, [](auto& r, const auto& c, std::size_t i) { r.completed = c.completed[i]; });
    }
    void set_due(task_id t, std::optional<date> d) {
        change(t, [&] { m_.set_due(t, d); }, [](auto& r, const auto& c, std::size_t i) { r.due = c.due[i]; });
    }
    void set_cancelled(task_id t, bool cancelled) {
        change(t, [&] { m_.set_cancelled(t, cancelled); },
               [](auto& r, const auto& c, std::size_t i) { r.cancelled = (c.flags[i] & task_flag::cancelled) != 0; });
    }
    void set_weight(task_id t, double w) {
        change(t, [&] { m_.set_weight(t, w); }, [](auto& r, const auto& c, std::size_t i) { r.weight = c.weight[i]; });
    }
    void set_percent(task_id t, double p) {
        change(t, [&] { m_.set_percent(t, p); }, [](auto& r, const auto& c, std::size_t i) { r.percent = c.percent[i]; });
    }
    void set_duration(task_id t, int days) {
        change(t, [&] { m_.set_duration(t, days); }, [](auto& r, const auto& c, std::size_t i) { r.duration = c.duration[i]; });
    }

    // ---- indicator updates -------------------------------------------------------------------
    void set_actual(indicator_id i, std::optional<double> v) { change(i, [&] { m_.set_actual(i, v); }); }
    void set_target(indicator_id i, std::optional<double> v) { change(i, [&] { m_.set_target(i, v); }); }
    void set_ratio(indicator_id i, std::optional<double> num, std::optional<double> den) {
        change(i, [&] { m_.set_ratio(i, num, den); });
    }

private:
    template <class Mutate, class ReadBack>
    void change(task_id t, Mutate mutate, ReadBack read_back) {
#if defined(__GNUC__)
        // On a large model the record is a cache miss, as are the columns the model's setter
        // reads: asked for first, it is fetched while the setter waits for those.
        if (index(t) < records_.size()) __builtin_prefetch(&records_[index(t)], 1);  // else mutate() throws
#endif
        mutate();  // throws, with nothing changed, when the model refuses
        auto& rec = records_[index(t)];
        auto fresh = rec;
        read_back(fresh, m_.task_columns(), index(t));
        status_counts delta = detail::contribution(fresh, day_);
        delta -= detail::contribution(rec, day_);  // unsigned counts wrap and add back exactly
        rec = fresh;
        for (auto u = make_id<unit_id>(rec.owner); !is_none(u); u = units_.parent(u)) rows_[index(u)] += delta;
    }

    template <class Mutate>
    void change(indicator_id i, Mutate mutate) {
        mutate();
        const auto rows = m_.indicators();
        for (indicator_id v = i; !is_none(v); v = indicator_tree_.parent(v)) {
            auto fresh = detail::aggregate_one(rows, v, indicator_tree_.children(v), values_);
            plangraph::indicator_counts before{has_target_[index(v)], values_[index(v)].met.value_or(false)};
            plangraph::indicator_counts after{rows[index(v)].target.has_value(), fresh.met.value_or(false)};
            bool same_value = fresh == values_[index(v)];
            values_[index(v)] = fresh;
            has_target_[index(v)] = after.total;
            move_counts(rows[index(v)].unit, before, after);
            if (same_value) break;  // nothing above reads anything else of it
        }
    }

    void move_counts(unit_id u, plangraph::indicator_counts before, plangraph::indicator_counts after) {
        if (before == after) return;
        if (map_) return move_placed_counts(u, before, after);
        auto& own = indicator_counts_[index(u)].own;
        own.total = own.total - before.total + after.total;
        own.met = own.met - before.met + after.met;
        for (unit_id w = u; !is_none(w); w = units_.parent(w)) {
            auto& s = indicator_counts_[index(w)].subtree;
            s.total = s.total - before.total + after.total;
            s.met = s.met - before.met + after.met;
        }
    }

    static void move(plangraph::indicator_counts& c, plangraph::indicator_counts before, plangraph::indicator_counts after) {
        c.total = c.total - before.total + after.total;
        c.met = c.met - before.met + after.met;
    }

    void move_placed_counts(unit_id owner, plangraph::indicator_counts before, plangraph::indicator_counts after) {
        auto shares = map_->shares(owner);
        if (shares.empty()) move(indicator_counts_[index(map_->unmapped())].own, before, after);
        for (auto s : shares) move(indicator_counts_[index(s.unit)].own, before, after);
        for (unit_id w : map_->counted_in(owner)) move(indicator_counts_[index(w)].subtree, before, after);
    }

    // Declared as types that depend on Model (detail/deferred.hpp), so that the code the
    // members call is compiled where an engine is used, not in every TU that includes this.
    template <class T>
    using later = detail::deferred<T, Model>;
    template <class T>
    using array = detail::deferred_vector<T, Model>;

    Model& m_;
    date as_of_;
    std::int32_t day_;
    later<hierarchy<unit_id>> units_;
    later<detail::record_vector> records_;
    array<status_counts> rows_;
    later<hierarchy<indicator_id>> indicator_tree_;
    array<indicator_value> values_;
    array<unit_indicator_counts> indicator_counts_;
    array<std::uint32_t> has_target_;  // 1 when the indicator counts in "n of m met"
    later<std::optional<unit_map>> map_{};  // set when the rows are a map's
};

}  // namespace plangraph
