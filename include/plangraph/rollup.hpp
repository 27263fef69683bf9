#pragma once
// Completion rollups as of a date: over the unit hierarchy (a unit: its own tasks plus all its
// descendants'), over the task decomposition (a task: itself plus all its sub-tasks) and over the
// plan cascade (a plan: its tasks plus those of the plans that concretise it).
//
// What counts. Every task owned by a node's subtree counts, summary tasks included: a summary
// task is work someone reports on, and DESIGN.md counts "each unit's own tasks plus all
// descendants'". Cancelled tasks are counted apart and excluded from every denominator. The
// duration-weighted percent complete is the one exception: as planning tools compute it, it sums
// over leaf tasks only (a summary's duration spans its sub-tasks and would count them twice).
// A task counts 100% once done as of D, else its recorded percent (percent complete is not
// history-aware; completion dates are).
//
// Exact sums. A node's own tasks are summed order-free (detail::exact_sum: each term a multiple of
// 2^-63, added as integers, rounded to double once), then the rows are added up the tree in
// post-order. So every rollup built on rollup_owned, flat_tree_rollup or the series (series.hpp)
// gives the same status_counts bit for bit, whichever order it meets the tasks in: a series row
// is == the single-date rollup, and partials merged are == the whole. A sum is exact, then
// rounded once, whenever every term is at least 2^-10 (weights, durations, duration × percent of
// 0.001 and up); smaller terms lose their bits below 2^-63.
// sum_by_owner sums each run of a node's adjacent tasks apart (detail::run_sums) and adds it into
// the node's row once: the same bits, fewer instructions per task.
//
// Strategies. One interface: a strategy is built once from a model (its preparation) and called
// with an as-of date, returning one status_counts per unit, indexed by unit id. All give the same
// counts; all but BGL give the same sums bit for bit (the incremental engine until its first
// update: it then adds differences of doubles).
//   flat_rollup       compact task records, one streaming pass into per-unit rows, one post-order
//                     accumulation pass (the fast one; rollup_units uses it)
//   recursive_rollup  per-unit task lists and a recursive descent (the straightforward one)
//   bgl_rollup        Boost.Graph depth-first search with a visitor (rollup_bgl.hpp)
//   incremental_rollup  maintained under updates for one as-of date (incremental.hpp)
//   parallel_rollup   provinces rolled up concurrently with TBB, then merged (rollup_parallel.hpp)
#include "date.hpp"
#include "detail/deferred.hpp"
#include "detail/huge_pages.hpp"
#include "error.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "status.hpp"
#include "task.hpp"
#include "task_table.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace plangraph {

/// Counts and sums of the tasks of one node as of a date. `+=` merges two disjoint sets of
/// tasks, so rollups of parts add up to the rollup of the whole.
struct status_counts {
    std::array<std::uint64_t, task_status_count> by_status{};
    double weight = 0.0;         // Σ weight of counted (not cancelled) tasks
    double weight_done = 0.0;    // Σ weight of the done ones
    double duration = 0.0;       // Σ duration (working days) of counted leaf tasks
    double duration_done = 0.0;  // Σ duration × percent/100 of counted leaf tasks (done = 100%)

    std::uint64_t count(task_status s) const { return by_status[static_cast<std::size_t>(s)]; }
    std::uint64_t done_on_time() const { return count(task_status::done_on_time); }
    std::uint64_t done_late() const { return count(task_status::done_late); }
    std::uint64_t in_progress() const { return count(task_status::in_progress); }
    std::uint64_t overdue() const { return count(task_status::overdue); }
    std::uint64_t cancelled() const { return count(task_status::cancelled); }
    std::uint64_t done() const { return done_on_time() + done_late(); }
    /// Every task but the cancelled ones.
    std::uint64_t total() const { return done() + in_progress() + overdue(); }

    /// done / total; absent when total = 0 (never NaN).
    std::optional<double> completion_rate() const { return rate(done(), total()); }
    /// done_on_time / done; absent when nothing is done.
    std::optional<double> on_time_rate() const { return rate(done_on_time(), done()); }
    /// Σ weight of done tasks / Σ weight; absent when the weights sum to 0.
    std::optional<double> weighted_completion() const { return rate(weight_done, weight); }
    /// Duration-weighted percent complete (0–100) over leaf tasks: Σ(duration × percent) /
    /// Σ duration; absent when the leaves' durations sum to 0.
    std::optional<double> percent_complete() const {
        auto r = rate(duration_done, duration);
        return r ? std::optional<double>(*r * 100.0) : std::nullopt;
    }
    /// The percent complete as planning tools show it: rounded to a whole percent.
    std::optional<int> percent_complete_rounded() const {
        auto p = percent_complete();
        return p ? std::optional<int>(static_cast<int>(std::lround(*p))) : std::nullopt;
    }

    status_counts& operator+=(const status_counts& o) {
        for (std::size_t i = 0; i < task_status_count; ++i) by_status[i] += o.by_status[i];
        weight += o.weight;
        weight_done += o.weight_done;
        duration += o.duration;
        duration_done += o.duration_done;
        return *this;
    }
    /// Removes tasks that were added before (the incremental engine's undo).
    status_counts& operator-=(const status_counts& o) {
        for (std::size_t i = 0; i < task_status_count; ++i) by_status[i] -= o.by_status[i];
        weight -= o.weight;
        weight_done -= o.weight_done;
        duration -= o.duration;
        duration_done -= o.duration_done;
        return *this;
    }
    friend status_counts operator+(status_counts a, const status_counts& b) { return a += b; }
    bool operator==(const status_counts&) const = default;

private:
    template <class T>
    static std::optional<double> rate(T num, T den) {
        if (den == T{}) return std::nullopt;
        return static_cast<double>(num) / static_cast<double>(den);
    }
};

/// What one task adds to its node as of `as_of`; `leaf` says whether it has no sub-tasks.
inline status_counts contribution(const task_view& t, date as_of, bool leaf) {
    status_counts c;
    auto s = status_as_of(t, as_of);
    c.by_status[static_cast<std::size_t>(s)] = 1;
    if (s == task_status::cancelled) return c;
    bool done = is_done(s);
    c.weight = t.weight;
    c.weight_done = done ? t.weight : 0.0;
    if (leaf) {
        c.duration = t.duration;
        c.duration_done = t.duration * (done ? 1.0 : t.percent / 100.0);
    }
    return c;
}

/// leaf[t] is true when no task names t as its parent (`tasks`: the model's, or tasks of one's own).
template <class Tasks>
std::vector<bool> leaf_tasks(const Tasks& tasks) {
    detail::deferred_vector<bool, Tasks> leaf(tasks.size(), true);
    for (const auto& t : tasks)
        if (!is_none(t.parent)) leaf[index(t.parent)] = false;
    return leaf;
}
/// The model's tasks know which are summaries. (A template, as task_range is: task_table.hpp.)
template <class Table>
std::vector<bool> leaf_tasks(const basic_task_range<Table>& tasks) {
    const auto flags = tasks.columns().flags;
    detail::deferred_vector<bool, Table> leaf(flags.size());
    for (std::size_t i = 0; i < flags.size(); ++i) leaf[i] = !(flags[i] & task_flag::summary);
    return leaf;
}

namespace detail {

/// A sum of terms in [0, 2^63) that comes out the same whichever order they are added in (see
/// the top of this header). Integers wrap modulo 2^128, so a sum may pass through "negative"
/// (a series adds differences) and still come out right.
class exact_sum {
    __extension__ typedef unsigned __int128 bits;  // GCC and Clang; __extension__ keeps -Wpedantic quiet

public:
    /// A term converted once, to be added to several sums (or none).
    class term {
    public:
        term() = default;
        explicit term(double x) : bits_(fixed(x)) {}

    private:
        friend exact_sum;
        bits bits_ = 0;
    };

    exact_sum& operator+=(term t) {
        bits_ += t.bits_;
        return *this;
    }
    exact_sum& operator+=(double x) {
        bits_ += fixed(x);
        return *this;
    }
    /// A whole number: no conversion from floating point (the same bits as the double n).
    exact_sum& operator+=(std::int32_t n) {
        bits_ += static_cast<bits>(static_cast<std::int64_t>(n)) << 63;
        return *this;
    }
    exact_sum& operator-=(double x) {
        bits_ -= fixed(x);
        return *this;
    }
    exact_sum& operator+=(const exact_sum& o) {
        bits_ += o.bits_;
        return *this;
    }
    /// A run's terms summed apart (detail::run_sums): coarse·2^-12 + fine·2^-63.
    exact_sum& add_split(std::int64_t coarse, std::int64_t fine) {
        bits_ += (static_cast<bits>(coarse) << 51) + static_cast<bits>(fine);
        return *this;
    }
    /// A sum of whole numbers (a run's durations).
    exact_sum& add_whole(std::int64_t n) {
        bits_ += static_cast<bits>(n) << 63;
        return *this;
    }
    /// The sum, rounded to the nearest double.
    double value() const {
        return to_double(static_cast<std::uint64_t>(bits_ >> 64), static_cast<std::uint64_t>(bits_)) * 0x1p-63;
    }

    /// hi·2^64 + lo rounded once to the nearest double (ties to even), as the 128-bit
    /// conversion rounds it but without libgcc's __floattidf, a slow call: the top 64 bits
    /// converted by the hardware, with every bit below them folded into the lowest (sticky),
    /// which sits far below the rounding position and so only breaks ties, as it should.
    static double to_double(std::uint64_t hi, std::uint64_t lo) {
        if (hi == 0) return static_cast<double>(lo);
        const int drop = 64 - std::countl_zero(hi);  // hi's width: the bits of lo below the top 64
        const std::uint64_t top = drop == 64 ? hi : (hi << (64 - drop)) | (lo >> drop);
        const std::uint64_t below = drop == 64 ? lo : lo << (64 - drop);
        // × 2^drop, a power of two built from its exponent bits: exact (drop ≤ 64).
        const double scale = std::bit_cast<double>(static_cast<std::uint64_t>(1023 + drop) << 52);
        return static_cast<double>(top | (below != 0 ? 1U : 0U)) * scale;
    }

private:
    /// x as a multiple of 2^-63, its whole part and fraction converted apart (each fits an int64).
    static bits fixed(double x) {
        const auto whole = static_cast<std::int64_t>(x);
        const double fraction = x - static_cast<double>(whole);  // exact
        return (static_cast<bits>(whole) << 63) + static_cast<bits>(static_cast<std::int64_t>(fraction * 0x1p63));
    }
    bits bits_ = 0;
};

/// A node's own tasks, counted as status_counts counts them but with order-free sums.
struct exact_counts {
    std::array<std::uint64_t, task_status_count> by_status{};
    exact_sum weight{}, weight_done{}, duration{}, duration_done{};

    exact_counts& operator+=(const exact_counts& o) {
        for (std::size_t i = 0; i < task_status_count; ++i) by_status[i] += o.by_status[i];
        weight += o.weight;
        weight_done += o.weight_done;
        duration += o.duration;
        duration_done += o.duration_done;
        return *this;
    }
    status_counts value() const {
        status_counts c{.by_status = by_status};
        c.weight = weight.value();
        c.weight_done = weight_done.value();
        c.duration = duration.value();
        c.duration_done = duration_done.value();
        return c;
    }
};

/// A task reduced to what a rollup reads, 32 bytes, stored contiguously: a fifth less memory
/// to stream or to miss than 40. (From operator new, 16-byte aligned, half of them still cross
/// a cache line, as at 40 bytes; 32-byte alignment would end that.) An absent date is no_day,
/// later than any real one, so "c ≤ d" and "D ≤ d" hold for an absent d and "c ≤ D" fails for
/// an absent c — the rules of status.hpp without a branch on presence.
struct task_record {
    static constexpr std::uint32_t max_owner = (std::uint32_t(1) << 30) - 1;

    std::uint32_t owner : 30 = 0;  // index of the node the task counts for, ≤ max_owner
    bool cancelled : 1 = false;
    bool leaf : 1 = true;
    std::int32_t due = no_day;
    std::int32_t completed = no_day;
    std::int32_t duration = 0;
    double weight = 1.0;
    double percent = 0.0;
};
static_assert(sizeof(task_record) == 32, "a record is 32 bytes");

inline task_record make_record(const task_view& t, std::uint32_t owner, bool leaf) {
    return {owner & task_record::max_owner, t.cancelled, leaf, day_number(t.due), day_number(t.completed),
            t.duration, t.weight, t.percent};
}

/// Records kept for repeated passes or updates at random (detail/huge_pages.hpp).
using record_vector = std::vector<task_record, huge_page_advice<task_record>>;

/// The record of the model's task i, read from its columns (no task_view built).
inline task_record make_record(const task_column_spans& c, std::size_t i, std::uint32_t owner) {
    return {owner & task_record::max_owner,
            (c.flags[i] & task_flag::cancelled) != 0,
            (c.flags[i] & task_flag::summary) == 0,
            c.due[i],
            c.completed[i],
            c.duration[i],
            c.weight[i],
            c.percent[i]};
}

/// The status as of a day, computed rather than branched to (statuses come in no order a branch
/// predictor could learn): 2·(not done) + late, where late compares the completion (or, not done,
/// the day) with the due date; cancelled overrides.
inline task_status status_of(const task_record& r, std::int32_t as_of) {
    const bool done = r.completed <= as_of, late = (done ? r.completed : as_of) > r.due;
    const auto open = 2 * static_cast<unsigned>(!done) + static_cast<unsigned>(late);
    return static_cast<task_status>(r.cancelled ? static_cast<unsigned>(task_status::cancelled) : open);
}
static_assert(static_cast<int>(task_status::done_late) == 1 && static_cast<int>(task_status::in_progress) == 2 &&
                  static_cast<int>(task_status::overdue) == 3 && static_cast<int>(task_status::cancelled) == 4,
              "status_of computes the status's number");

/// Adds a task into a status_counts or an exact_counts.
template <class Counts>
void add(Counts& c, const task_record& r, std::int32_t as_of) {
    auto s = status_of(r, as_of);
    ++c.by_status[static_cast<std::size_t>(s)];
    if (s == task_status::cancelled) return;
    bool done = is_done(s);
    c.weight += r.weight;
    if (done) c.weight_done += r.weight;
    if (r.leaf) {
        c.duration += r.duration;
        if (done) c.duration_done += r.duration;  // 100%: a whole number of days
        else c.duration_done += r.duration * (r.percent / 100.0);
    }
}

/// Adds a task into an exact_counts without branching on its status (statuses come in no
/// order a branch predictor could learn): a term that does not count adds zero, which changes
/// no bit of an exact sum. The same sums as the template above.
inline void add(exact_counts& c, const task_record& r, std::int32_t as_of) {
    const auto s = status_of(r, as_of);
    ++c.by_status[static_cast<std::size_t>(s)];
    const bool counted = s != task_status::cancelled, done = is_done(s), leaf = counted && r.leaf;
    const exact_sum::term weight(counted ? r.weight : 0.0);
    c.weight += weight;
    c.weight_done += done ? weight : exact_sum::term{};
    c.duration += leaf ? r.duration : 0;
    // Done: the whole duration, a whole number, whose term has the bits of the int's.
    c.duration_done += exact_sum::term(!leaf ? 0.0 : done ? r.duration : r.duration * (r.percent / 100.0));
}

inline status_counts contribution(const task_record& r, std::int32_t as_of) {
    status_counts c;
    add(c, r, as_of);
    return c;
}

/// Records of the tasks that have an owner (owner_of returns an index or none).
template <class Tasks, class OwnerOf>
record_vector task_records(const Tasks& tasks, OwnerOf owner_of) {
    auto leaf = leaf_tasks(tasks);
    deferred<record_vector, Tasks> out;
    out.reserve(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        auto owner = owner_of(tasks[i], i);
        if (owner == std::numeric_limits<std::uint32_t>::max()) continue;
        if (owner > task_record::max_owner) throw model_error("a rollup counts at most 2^30 units or places");
        out.push_back(make_record(tasks[i], owner, leaf[i]));
    }
    return out;
}

/// Bottom-up: adds every node's row into its parent's, children before parents.
template <strong_id Id>
void accumulate_up(const hierarchy<Id>& h, std::span<status_counts> rows) {
    for (Id v : h.post_order())
        if (Id p = h.parent(v); !is_none(p)) rows[index(p)] += rows[index(v)];
}

/// Every node's rollup from its own tasks' exact counts: each rounded once, then added up the tree.
template <strong_id Id>
std::vector<status_counts> rolled_up(const hierarchy<Id>& h, std::span<const exact_counts> own) {
    deferred_vector<status_counts, Id> rows(own.size());
    for (std::size_t v = 0; v < own.size(); ++v) rows[v] = own[v].value();
    accumulate_up<Id>(h, rows);
    return rows;
}

/// A run of at most run_sums::cap tasks of one row, summed without a branch per task (statuses
/// come in no order a branch predictor could learn) and without 128-bit arithmetic, then added
/// into the row once, with the bits the terms added one by one give. Statuses are counted in
/// 16-bit fields of one word, the cancelled ones being the rest. A double term x is cut in two:
/// coarse, x rounded to a multiple of 2^-12 (by adding and taking back 1.5·2^40), summed in a
/// double, exact while the sum stays below 2^41 (53 bits in steps of 2^-12); and fine = x −
/// coarse (exact, at most 2^-12) in units of 2^-63, summed in an int64. Both are whole numbers
/// of 2^-63 when x·2^63 is one, as it is for every x ≥ 2^-11: then coarse + fine is exactly
/// exact_sum's term. A run holding another term (0 < x < 2^-11, a weight of 1e-6; or x < 0,
/// x ≥ 2^40, NaN) or whose sum passes 2^41, none of which a valid model can hold (weights ≤ 1e9,
/// 2,048 of them < 2^41), is not exact(): its caller adds it task by task instead.
class run_sums {
public:
    static constexpr std::size_t cap = 2048;  // 16-bit counts; fine sums below 2^62

    void add(const task_record& r, std::int32_t day) {
        const auto status = status_of(r, day);
        const bool done = is_done(status);  // never when cancelled
        const auto counted = mask(status != task_status::cancelled), done_mask = mask(done),
                   leaf = counted & mask(r.leaf);
        // A cancelled task adds nothing here (the rest of the run is counted cancelled); & 3
        // keeps its shift in range.
        statuses_ += (counted & 1) << (16 * (static_cast<unsigned>(status) & 3));
        ++size_;
        const split w = cut(r.weight);
        weight_.add(w, counted);
        weight_done_.add(w, done_mask);
        duration_ += static_cast<std::int64_t>(static_cast<std::uint64_t>(r.duration) & leaf);
        // duration × percent/100, as detail::add computes it, 100% when done: days × (100/100)
        // is the whole duration, the term detail::add takes then.
        const double days = r.duration;
        const split d = cut(days * (pick(done, 100.0, r.percent) / 100.0));
        duration_done_.add(d, leaf);
        misfits_ |= w.misfit | d.misfit;
    }
    bool exact() const { return rounding_kept && !misfits_ && weight_.below_cap() && duration_done_.below_cap(); }
    void add_to(exact_counts& c) const {
        std::uint64_t counted = 0;
        for (std::size_t s = 0; s < task_status_count - 1; ++s) {
            const auto n = (statuses_ >> (16 * s)) & 0xffff;
            c.by_status[s] += n;
            counted += n;
        }
        c.by_status[static_cast<std::size_t>(task_status::cancelled)] += size_ - counted;
        weight_.add_to(c.weight);
        weight_done_.add_to(c.weight_done);
        c.duration.add_whole(duration_);
        duration_done_.add_to(c.duration_done);
    }

private:
    // cut() rounds by adding and taking back a constant; -ffast-math may fold that away, so a
    // user's fast-math build sums task by task (the same bits, more slowly).
#ifdef __FAST_MATH__
    static constexpr bool rounding_kept = false;
#else
    static constexpr bool rounding_kept = true;
#endif
    static std::uint64_t mask(bool b) { return std::uint64_t{0} - static_cast<std::uint64_t>(b); }
    /// `yes ? a : b` by bit masks: a select the compiler cannot turn into a branch.
    static double pick(bool yes, double a, double b) {
        return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & mask(yes)) |
                                     (std::bit_cast<std::uint64_t>(b) & ~mask(yes)));
    }

    /// x = coarse + fine·2^-63, exact unless misfit: x·2^63 may not be whole (0 < x < 2^-11),
    /// or x is outside [0, 2^40), where 0 is cut instead, so that no conversion overflows.
    struct split {
        double coarse;
        std::int64_t fine;
        bool misfit;
    };
    static split cut(double x) {
        // The checks read the bits, which for non-negative doubles are in the same order, and
        // stay off the chain of floating-point operations.
        const auto bits = std::bit_cast<std::uint64_t>(x);
        const bool fits = bits < std::bit_cast<std::uint64_t>(0x1p40);  // negatives and NaN too: no
        const bool misfit = !fits | (bits - 1 < std::bit_cast<std::uint64_t>(0x1p-11) - 1);
        const double y = std::bit_cast<double>(bits & mask(fits));
        const double coarse = (y + 0x1.8p40) - 0x1.8p40;
        return {coarse, static_cast<std::int64_t>((y - coarse) * 0x1p63), misfit};
    }
    class split_sum {
    public:
        void add(const split& x, std::uint64_t mask) {
            coarse_ += std::bit_cast<double>(std::bit_cast<std::uint64_t>(x.coarse) & mask);
            fine_ += static_cast<std::int64_t>(static_cast<std::uint64_t>(x.fine) & mask);
        }
        /// Terms are ≥ 0, so no partial sum passes the last: all exact when it is below 2^41.
        bool below_cap() const { return coarse_ < 0x1p41; }
        void add_to(exact_sum& s) const { s.add_split(static_cast<std::int64_t>(coarse_ * 0x1p12), fine_); }

    private:
        double coarse_ = 0.0;
        std::int64_t fine_ = 0;
    };

    std::uint64_t statuses_ = 0, size_ = 0;
    split_sum weight_, weight_done_, duration_done_;
    std::int64_t duration_ = 0;
    bool misfits_ = false;
};
static_assert(static_cast<int>(task_status::cancelled) == 4 && task_status_count == 5,
              "run_sums counts the four statuses before cancelled in 16-bit fields");

/// The own counts of `nodes` rows from `n` tasks: task i's record(i) added into row owner(i)
/// when counts(that row). Tasks of one row usually come together (a unit's tasks are added
/// together): each run of them, up to run_sums::cap, is summed apart and added into the row
/// once. Exact sums, so the same bits in any grouping.
template <class Owner, class Record, class Counts>
std::vector<exact_counts> sum_by_owner(std::size_t nodes, std::size_t n, Owner owner, Record record, Counts counts,
                                       std::int32_t day) {
    deferred_vector<exact_counts, Owner> own(nodes);
    for (std::size_t i = 0, end = 0; i < n; i = end) {
        const std::size_t o = owner(i), last = std::min(n, i + run_sums::cap);
        for (end = i + 1; end < last && owner(end) == o;) ++end;
        if (!counts(o)) continue;
        run_sums run;
        for (std::size_t k = i; k < end; ++k) run.add(record(k), day);
        if (run.exact()) {
            run.add_to(own[o]);
        } else {  // a term out of a valid model's range: the general path, task by task
            for (std::size_t k = i; k < end; ++k) add(own[o], record(k), day);
        }
    }
    return own;
}

/// The own counts of the nodes, each of the model's tasks (its columns `c`) added into the row
/// place(its unit) names (an index); `counts(row)` says whether to count a task of that row.
/// Reads only the columns a rollup needs, straight from the model.
template <class Place, class Counts>
std::vector<exact_counts> owned_counts(std::size_t nodes, const task_column_spans& c, date as_of, Place place,
                                       Counts counts) {
    return sum_by_owner(
        nodes, c.size(), [&](std::size_t i) -> std::size_t { return place(c.unit[i]); },
        [&](std::size_t i) { return make_record(c, i, 0); }, counts, static_cast<std::int32_t>(as_of.day_number()));
}

/// The own counts of the nodes, each record added into its owner's row.
template <class D = void>
std::vector<exact_counts> own_counts(std::size_t nodes, deferred<std::span<const task_record>, D> records,
                                     std::int32_t day) {
    return sum_by_owner(
        nodes, records.size(), [records](std::size_t i) -> std::size_t { return records[i].owner; },
        [records](std::size_t i) { return records[i]; }, [](std::size_t) { return true; }, day);
}

/// rollup_units over `h`, each of the model's tasks added into the row place(its unit) names.
template <class Place>
std::vector<status_counts> rollup_owned(const hierarchy<unit_id>& h, const task_column_spans& c, date as_of,
                                        Place place) {
    return rolled_up<unit_id>(h, owned_counts(h.size(), c, as_of, place, [](std::size_t) { return true; }));
}

/// The row of a unit in the undated hierarchy: its own. A function object, not a function, so
/// that passing it leaves no call through a pointer in the loop over the tasks.
inline constexpr auto own_row = [](unit_id u) -> std::size_t { return index(u); };
/// The owner of a task in the undated hierarchy: its unit.
inline std::size_t own_unit(const task_view& t) { return own_row(t.unit); }

}  // namespace detail

/// The flat strategy over any hierarchy: the tasks as compact records in one array, a streaming
/// pass that adds each into its owner's row, then one post-order pass adding rows into parents.
template <strong_id Id>
class flat_tree_rollup {
public:
    flat_tree_rollup() = default;
    flat_tree_rollup(hierarchy<Id> h, detail::deferred<detail::record_vector, Id> records)
        : tree_(std::move(h)), records_(std::move(records)) {}

    std::vector<status_counts> operator()(date as_of) const {
        return detail::rolled_up<Id>(tree_, detail::own_counts(tree_.size(), records_,
                                                               static_cast<std::int32_t>(as_of.day_number())));
    }

    const hierarchy<Id>& tree() const { return tree_; }
    std::span<const detail::task_record> records() const { return records_; }

private:
    hierarchy<Id> tree_;
    detail::deferred<detail::record_vector, Id> records_;
};

/// The flat strategy over the unit hierarchy, or over the map of a date (placement.hpp).
class flat_rollup : public flat_tree_rollup<unit_id> {
public:
    template <class Model>
    explicit flat_rollup(const Model& m)
        : flat_tree_rollup<unit_id>(m.unit_hierarchy(),
                                    detail::task_records(m.tasks(), [](const task_view& t, std::size_t) {
                                        return static_cast<std::uint32_t>(index(t.unit));
                                    })) {}
    template <class Model, class Map>
    flat_rollup(const Model& m, const Map& map)
        : flat_tree_rollup<unit_id>(map.tree(), detail::task_records(m.tasks(), [&map](const task_view& t, std::size_t) {
                                        return map.place(t.unit);
                                    })) {}
};

/// The straightforward strategy: each unit's task list and child list, and a recursive descent
/// that returns a subtree's counts. Reads the model's tasks, which must outlive it. A class
/// template with one instance, so that its code is compiled where it is used (detail/deferred.hpp).
template <class Defer = void>
class basic_recursive_rollup {
    template <class T>
    using array = detail::deferred_vector<T, Defer>;

public:
    template <class Model>
    explicit basic_recursive_rollup(const Model& m) : tasks_(m.tasks()), leaf_(leaf_tasks(m.tasks())) {
        detail::deferred_vector<unit_id, Model> parents;
        for (const auto& u : m.units()) parents.push_back(u.parent);
        build(parents, detail::own_unit);
    }
    /// On the map of a date (placement.hpp).
    template <class Model, class Map>
    basic_recursive_rollup(const Model& m, const Map& map) : tasks_(m.tasks()), leaf_(leaf_tasks(m.tasks())) {
        build(map.tree().parents(), [&map](const task_view& t) { return map.place(t.unit); });
    }

    std::vector<status_counts> operator()(date as_of) const {
        array<status_counts> rows(children_.size());
        for (unit_id r : roots_) subtree(r, static_cast<std::int32_t>(as_of.day_number()), rows);
        return rows;
    }

private:
    template <class OwnerOf>
    void build(std::span<const unit_id> parents, OwnerOf owner_of) {
        children_.resize(parents.size());
        owned_.resize(parents.size());
        for (std::size_t u = 0; u < parents.size(); ++u) {
            if (is_none(parents[u])) roots_.push_back(make_id<unit_id>(u));
            else children_[index(parents[u])].push_back(make_id<unit_id>(u));
        }
        for (std::size_t t = 0; t < tasks_.size(); ++t) owned_[owner_of(tasks_[t])].push_back(make_id<task_id>(t));
    }

    /// A unit's own tasks summed exactly (rollup.hpp's rule), then its children's subtrees.
    status_counts subtree(unit_id u, std::int32_t day, array<status_counts>& rows) const {
        detail::exact_counts own;
        for (task_id t : owned_[index(u)]) detail::add(own, detail::make_record(tasks_[index(t)], 0, leaf_[index(t)]), day);
        status_counts c = own.value();
        for (unit_id k : children_[index(u)]) c += subtree(k, day, rows);
        rows[index(u)] = c;
        return c;
    }

    detail::deferred<task_range, Defer> tasks_;
    array<bool> leaf_;
    array<std::vector<unit_id>> children_;
    array<std::vector<task_id>> owned_;
    array<unit_id> roots_;
};

using recursive_rollup = basic_recursive_rollup<>;

/// Per unit (indexed by unit id): its own tasks plus all its descendants', as of `as_of`.
/// The flat strategy in one go, without keeping records: one pass over the model's columns
/// (task_table.hpp) adding each task into its unit's row, then the post-order pass. Same
/// additions as flat_rollup.
template <class Model>
std::vector<status_counts> rollup_units(const Model& m, date as_of) {
    return detail::rollup_owned(m.unit_hierarchy(), m.task_columns(), as_of, detail::own_row);
}

/// Per task (indexed by task id): the task itself plus all its sub-tasks, as of `as_of`. A
/// summary task's percent_complete() is the duration-weighted one of its leaves.
template <class Model>
std::vector<status_counts> rollup_tasks(const Model& m, date as_of) {
    auto records = detail::task_records(m.tasks(), [](const task_view&, std::size_t i) {
        return static_cast<std::uint32_t>(i);
    });
    return detail::deferred<flat_tree_rollup<task_id>, Model>(m.task_hierarchy(), std::move(records))(as_of);
}

/// Per plan (indexed by plan id): its tasks plus those of every plan that concretises it,
/// directly or further down the cascade. Tasks without a plan count for none.
template <class Model>
std::vector<status_counts> rollup_plans(const Model& m, date as_of) {
    auto records = detail::task_records(m.tasks(), [](const task_view& t, std::size_t) {
        return static_cast<std::uint32_t>(index(t.plan));
    });
    return detail::deferred<flat_tree_rollup<plan_id>, Model>(m.plan_hierarchy(), std::move(records))(as_of);
}

// ---- mergeable partial rollups ----------------------------------------------------------------

/// The rollup of one subtree (a province), to be shipped to the parent's server and merged
/// there. Units are named by key, so the part can cross machines; units[0] is the root.
struct partial_rollup {
    date as_of{boost::gregorian::not_a_date_time};
    std::vector<std::string> units{};    // the subtree's unit keys, parents before children
    std::vector<status_counts> counts{};  // each unit's rollup, same order

    bool operator==(const partial_rollup&) const = default;
};

namespace detail {

template <class Model, class Place>
partial_rollup make_partial(const Model& m, const hierarchy<unit_id>& h, unit_id root, date as_of, Place place) {
    const auto rows = rolled_up<unit_id>(h, owned_counts(h.size(), m.task_columns(), as_of, place, [&](std::size_t owner) {
                                             return h.contains(root, make_id<unit_id>(owner));
                                         }));
    deferred<partial_rollup, Model> part{.as_of = as_of};
    auto first = h.pre_position(root);
    for (auto i = first; i < first + h.subtree_size(root); ++i) {
        unit_id u = h.pre_order()[i];
        part.units.push_back(m[u].key);
        part.counts.push_back(rows[index(u)]);
    }
    return part;
}

template <class Model, class Place>
std::vector<status_counts> merge_partials(const Model& m, const hierarchy<unit_id>& h, date as_of,
                                          std::span<const partial_rollup> parts, Place place) {
    constexpr auto none = std::numeric_limits<std::uint32_t>::max();
    deferred_vector<std::uint32_t, Model> covered(h.size(), none);
    deferred_vector<status_counts, Model> rows(h.size());
    for (std::uint32_t p = 0; p < parts.size(); ++p) {
        const auto& part = parts[p];
        if (part.units.empty() || part.units.size() != part.counts.size())
            throw model_error("partial rollup #" + std::to_string(p) + ": units and counts do not match");
        if (part.as_of != as_of)
            throw model_error("partial rollup of " + part.units.front() + " is as of " + format_date(part.as_of) +
                              ", not " + format_date(as_of));
        for (std::size_t i = 0; i < part.units.size(); ++i) {
            auto u = m.find_unit(part.units[i]);
            if (!u) throw model_error("partial rollup of " + part.units.front() + ": unknown unit " + part.units[i]);
            if (covered[index(*u)] != none)
                throw model_error("partial rollups overlap at unit " + part.units[i]);
            covered[index(*u)] = p;
            rows[index(*u)] = part.counts[i];
        }
        auto root = *m.find_unit(part.units.front());
        if (h.subtree_size(root) != part.units.size())
            throw model_error("partial rollup of " + part.units.front() + " does not cover its whole subtree");
        for (std::size_t i = 1; i < part.units.size(); ++i)
            if (!h.contains(root, *m.find_unit(part.units[i])))
                throw model_error("partial rollup of " + part.units.front() + ": unit " + part.units[i] +
                                  " is not in its subtree");
    }
    const auto own = owned_counts(h.size(), m.task_columns(), as_of, place, [&](std::size_t owner) { return covered[owner] == none; });
    for (std::size_t v = 0; v < own.size(); ++v)
        if (covered[v] == none) rows[v] = own[v].value();
    // A covered unit's row is final; it is added into its parent only at a part's root.
    for (unit_id v : h.post_order()) {
        unit_id p = h.parent(v);
        if (!is_none(p) && covered[index(p)] == none) rows[index(p)] += rows[index(v)];
    }
    return rows;
}

}  // namespace detail

/// Rolls up the subtree of `root` alone (only its tasks are read).
template <class Model>
partial_rollup make_partial(const Model& m, unit_id root, date as_of) {
    return detail::make_partial(m, m.unit_hierarchy(), root, as_of, detail::own_row);
}

/// The whole rollup from parts: each part stands for its whole subtree (tasks the model holds
/// there are ignored), units outside every part count the model's own tasks. Equal to
/// rollup_units(m, as_of) when the parts were made from the same tasks. Throws model_error for a
/// part of another date, an unknown unit, overlapping parts or a part missing part of its subtree.
template <class Model>
std::vector<status_counts> merge_partials(const Model& m, date as_of, std::span<const partial_rollup> parts) {
    return detail::merge_partials(m, m.unit_hierarchy(), as_of, parts, detail::own_row);
}

}  // namespace plangraph
