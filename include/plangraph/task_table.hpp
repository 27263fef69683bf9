#pragma once
// The model's tasks in columns (a structure of arrays): what rollups and schedules read sits in
// dense arrays of 1 to 8 bytes per task, apart from the keys and names, which share one text
// arena. A pass over one field streams that field alone. The generated national model at 1M
// tasks holds 95 bytes per task in all (benchmarks' model_B_per_task; 191 with rows of `task`).
//
// Dates are Boost day numbers (int32) with detail::no_day for "absent": later than any real day,
// so "c ≤ d" holds for an absent d and "c ≤ D" fails for an absent c, the rules of status.hpp
// without a branch on presence. They convert back to the same `date` exactly.
//
// Reading: `table[i]` builds a task_view from the columns (by value; after inlining, the loads
// of members nobody reads are dead), `range()` is a random-access range of views, `columns()`
// the read-only spans for passes of one's own. Writing is the model's: it checks first, then
// appends a task or sets one column.
#include "date.hpp"
#include "detail/deferred.hpp"
#include "detail/huge_pages.hpp"
#include "error.hpp"
#include "ids.hpp"
#include "task.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace plangraph {

namespace detail {

inline constexpr std::int32_t no_day = std::numeric_limits<std::int32_t>::max();

inline std::int32_t day_number(const std::optional<date>& d) {
    return d ? static_cast<std::int32_t>(d->day_number()) : no_day;
}

inline std::optional<date> day_of(std::int32_t n) {
    if (n == no_day) return std::nullopt;
    return date(static_cast<date::date_int_type>(n));
}

}  // namespace detail

/// Bits of task_column_spans::flags.
namespace task_flag {
inline constexpr std::uint8_t cancelled = 1;
inline constexpr std::uint8_t recurring = 2;
inline constexpr std::uint8_t has_demands = 4;  // some demand names the task (resource.hpp)
inline constexpr std::uint8_t summary = 8;      // some task names it as its parent
inline constexpr int constraint_shift = 4;      // bits 4–6: the constraint_kind
}  // namespace task_flag

/// The model's tasks as read-only columns, indexed by task id: the data-oriented access for
/// passes of one's own (rollup_units reads these). Dates are day numbers, detail::no_day when
/// absent; `flags` holds the bits of task_flag. Valid until the model changes.
struct task_column_spans {
    std::span<const unit_id> unit;
    std::span<const plan_id> plan;
    std::span<const task_id> parent;
    std::span<const std::int32_t> start, due, completed, constraint_on;
    std::span<const std::int32_t> duration;
    std::span<const double> percent, weight;
    std::span<const std::uint8_t> flags;

    std::size_t size() const { return unit.size(); }
};

template <class Defer = void>
class basic_task_table;
template <class Table>
class basic_task_range;
using task_table = basic_task_table<>;
using task_range = basic_task_range<task_table>;

/// A class template with deferred columns (detail/deferred.hpp) only so that a translation unit
/// that never touches the columns does not compile their code; `task_table` is the one instance.
template <class Defer>
class basic_task_table {
public:
    std::size_t size() const { return unit_.size(); }
    bool empty() const { return unit_.empty(); }

    std::string_view key(std::size_t i) const { return text(2 * i); }
    std::string_view name(std::size_t i) const { return text(2 * i + 1); }
    std::uint8_t flags(std::size_t i) const { return flags_[i]; }
    unit_id unit(std::size_t i) const { return unit_[i]; }
    bool has(std::size_t i, std::uint8_t flag) const { return (flags_[i] & flag) != 0; }

    /// Always inlined, so that the loads of the members a caller does not read are dead: a loop
    /// reading `.due` reads the due column alone.
    [[gnu::always_inline]] task_view operator[](std::size_t i) const {
        task_view v;
        v.key = key(i);
        v.name = name(i);
        v.unit = unit_[i];
        v.plan = plan_[i];
        v.parent = parent_[i];
        v.start = detail::day_of(start_[i]);
        v.due = detail::day_of(due_[i]);
        v.duration = duration_[i];
        v.completed = detail::day_of(completed_[i]);
        v.percent = percent_[i];
        v.weight = weight_[i];
        v.cancelled = has(i, task_flag::cancelled);
        v.recurring = has(i, task_flag::recurring);
        v.constraint = {static_cast<constraint_kind>((flags_[i] >> task_flag::constraint_shift) & 7),
                        detail::day_of(constraint_on_[i])};
        return v;
    }

    basic_task_range<basic_task_table> range() const { return basic_task_range<basic_task_table>(*this); }

    task_column_spans columns() const {
        return {unit_, plan_, parent_, start_, due_, completed_, constraint_on_, duration_, percent_, weight_, flags_};
    }

    /// Whether the keys and names, with this task's, stay within the 4 GiB the offsets count.
    bool fits(const task_view& t) const {
        return text_.size() + t.key.size() + t.name.size() <= std::numeric_limits<std::uint32_t>::max();
    }

    /// Appends a task (checked by the caller, fits() included) and marks its parent, when
    /// already there, a summary. Changes nothing when it throws (std::bad_alloc).
    void push_back(const task_view& t) {
        const std::size_t n = size(), chars = text_.size();
        try {
            append(t);
        } catch (...) {
            truncate(n, chars);
            throw;
        }
    }

    /// Marks every parent a summary: after appending tasks whose parents came later in the input.
    void mark_summaries() {
        for (auto p : parent_)
            if (!is_none(p)) set(index(p), task_flag::summary, true);
    }

    void reserve(std::size_t tasks, std::size_t chars = 0) {
        offsets_.reserve(2 * tasks + 1);
        text_.reserve(chars);
        unit_.reserve(tasks), plan_.reserve(tasks), parent_.reserve(tasks);
        start_.reserve(tasks), due_.reserve(tasks), completed_.reserve(tasks), constraint_on_.reserve(tasks);
        duration_.reserve(tasks), percent_.reserve(tasks), weight_.reserve(tasks), flags_.reserve(tasks);
    }

    // One column each, for the model's setters (which check first).
    void set_start(std::size_t i, std::optional<date> d) { start_[i] = detail::day_number(d); }
    void set_due(std::size_t i, std::optional<date> d) { due_[i] = detail::day_number(d); }
    void set_completed(std::size_t i, std::optional<date> d) { completed_[i] = detail::day_number(d); }
    void set_duration(std::size_t i, int days) { duration_[i] = days; }
    void set_percent(std::size_t i, double p) { percent_[i] = p; }
    void set_weight(std::size_t i, double w) { weight_[i] = w; }
    void set_constraint(std::size_t i, task_constraint c) {
        constraint_on_[i] = detail::day_number(c.on);
        flags_[i] = static_cast<std::uint8_t>((flags_[i] & ~(7 << task_flag::constraint_shift)) |
                                              (static_cast<int>(c.kind) << task_flag::constraint_shift));
    }
    void set(std::size_t i, std::uint8_t flag, bool on) {
        flags_[i] = static_cast<std::uint8_t>(on ? flags_[i] | flag : flags_[i] & ~flag);
    }

    bool operator==(const basic_task_table&) const = default;

private:
    std::string_view text(std::size_t k) const { return {text_.data() + offsets_[k], offsets_[k + 1] - offsets_[k]}; }

    void append(const task_view& t) {
        append_text(t.key);
        append_text(t.name);
        unit_.push_back(t.unit);
        plan_.push_back(t.plan);
        parent_.push_back(t.parent);
        start_.push_back(detail::day_number(t.start));
        due_.push_back(detail::day_number(t.due));
        completed_.push_back(detail::day_number(t.completed));
        constraint_on_.push_back(detail::day_number(t.constraint.on));
        duration_.push_back(t.duration);
        percent_.push_back(t.percent);
        weight_.push_back(t.weight);
        flags_.push_back(static_cast<std::uint8_t>((t.cancelled ? task_flag::cancelled : 0) |
                                                   (t.recurring ? task_flag::recurring : 0) |
                                                   (static_cast<int>(t.constraint.kind) << task_flag::constraint_shift)));
        if (!is_none(t.parent) && index(t.parent) < size()) set(index(t.parent), task_flag::summary, true);
    }
    /// Appends one string to the arena, growing it by half rather than doubling it (the
    /// arena is most of the bytes a task costs beyond its columns).
    void append_text(std::string_view s) {
        if (text_.capacity() - text_.size() < s.size()) text_.reserve(std::max(text_.size() + s.size(), text_.capacity() * 3 / 2));
        text_.insert(text_.end(), s.begin(), s.end());
        offsets_.push_back(static_cast<std::uint32_t>(text_.size()));
    }
    void truncate(std::size_t n, std::size_t chars) {
        text_.resize(chars);
        offsets_.resize(2 * n + 1);
        unit_.resize(n), plan_.resize(n), parent_.resize(n);
        start_.resize(n), due_.resize(n), completed_.resize(n), constraint_on_.resize(n);
        duration_.resize(n), percent_.resize(n), weight_.resize(n), flags_.resize(n);
    }

    // Huge pages where Linux gives them on request: an update reads and writes single tasks
    // at random, each in several columns of tens of megabytes at 10M tasks.
    template <class T>
    using column = detail::deferred<std::vector<T, detail::huge_page_advice<T>>, Defer>;

    column<char> text_;                  // keys and names, back to back
    column<std::uint32_t> offsets_{0};  // key i = [2i, 2i+1), name i = [2i+1, 2i+2)
    column<unit_id> unit_;
    column<plan_id> plan_;
    column<task_id> parent_;
    column<std::int32_t> start_, due_, completed_, constraint_on_;
    column<std::int32_t> duration_;
    column<double> percent_, weight_;
    column<std::uint8_t> flags_;
};

/// The model's tasks as a random-access range of task_view (what `m.tasks()` returns): size,
/// operator[], front, back and iterators, which are std::random_access_iterator with views as
/// prvalue references. Valid while the model lives; a view's key and name until it changes.
// A view written out rather than through std::ranges::view_interface, which clang 14 cannot
// instantiate over libstdc++ 12 for a class still being defined. A template, as the table is.
template <class Table>
class basic_task_range : public std::ranges::view_base {
public:
    class iterator {
    public:
        using iterator_concept = std::random_access_iterator_tag;
        using iterator_category = std::input_iterator_tag;  // to legacy code: its reference is a value
        using value_type = task_view;
        using difference_type = std::ptrdiff_t;

        iterator() = default;
        iterator(const Table* t, std::size_t i) : table_(t), i_(static_cast<difference_type>(i)) {}

        [[gnu::always_inline]] task_view operator*() const { return (*table_)[static_cast<std::size_t>(i_)]; }
        task_view operator[](difference_type n) const { return *(*this + n); }
        iterator& operator++() { return ++i_, *this; }
        iterator operator++(int) { auto old = *this; ++i_; return old; }
        iterator& operator--() { return --i_, *this; }
        iterator operator--(int) { auto old = *this; --i_; return old; }
        iterator& operator+=(difference_type n) { return i_ += n, *this; }
        iterator& operator-=(difference_type n) { return i_ -= n, *this; }
        friend iterator operator+(iterator it, difference_type n) { return it += n; }
        friend iterator operator+(difference_type n, iterator it) { return it += n; }
        friend iterator operator-(iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const iterator& a, const iterator& b) { return a.i_ - b.i_; }
        friend bool operator==(const iterator& a, const iterator& b) { return a.i_ == b.i_; }
        friend auto operator<=>(const iterator& a, const iterator& b) { return a.i_ <=> b.i_; }

    private:
        const Table* table_ = nullptr;
        difference_type i_ = 0;
    };

    basic_task_range() = default;
    explicit basic_task_range(const Table& t) : table_(&t) {}

    iterator begin() const { return {table_, 0}; }
    iterator end() const { return {table_, size()}; }
    std::size_t size() const { return table_ ? table_->size() : 0; }
    bool empty() const { return size() == 0; }
    [[gnu::always_inline]] task_view operator[](std::size_t i) const { return (*table_)[i]; }
    task_view front() const { return (*this)[0]; }
    task_view back() const { return (*this)[size() - 1]; }
    task_column_spans columns() const { return table_ ? table_->columns() : task_column_spans{}; }

private:
    const Table* table_ = nullptr;
};

}  // namespace plangraph

template <class Table>
inline constexpr bool std::ranges::enable_borrowed_range<plangraph::basic_task_range<Table>> = true;
