#pragma once
// The users' payloads of one kind of row (model.hpp), costing nothing while every one is the
// default: the vector stays empty until a row gets another payload or a mutable one is asked
// for, and is then filled to one payload per row. Absent reads as a default payload, so models
// compare by meaning.
#include <concepts>
#include <cstddef>
#include <utility>
#include <vector>

namespace plangraph::detail {

template <class Data>
class payloads {
public:
    const Data& get(std::size_t i) const { return i < rows_.size() ? rows_[i] : absent(); }

    /// Row i's payload to change, of `rows` rows: the first asked fills the vector.
    Data& get_mutable(std::size_t i, std::size_t rows) {
        if (rows_.size() < rows) rows_.resize(rows);
        return rows_[i];
    }

    /// The payload of row `rows` (the one appended after the `rows` already there).
    void push(Data d, std::size_t rows) {
        if (rows_.empty() && is_default(d)) return;
        rows_.resize(rows);
        rows_.push_back(std::move(d));
    }

    /// Drops the payloads of rows from `rows` on (a refused append).
    void truncate(std::size_t rows) {
        if (rows_.size() > rows) rows_.resize(rows);
    }

    /// The same payloads, row by row, over `rows` rows.
    bool same(const payloads& o, std::size_t rows) const
        requires std::equality_comparable<Data>
    {
        for (std::size_t i = 0; i < rows; ++i)
            if (!(get(i) == o.get(i))) return false;
        return true;
    }

private:
    static const Data& absent() {
        static const Data d{};
        return d;
    }
    static bool is_default(const Data& d) {
        if constexpr (std::equality_comparable<Data>) return d == absent();
        else return false;
    }

    std::vector<Data> rows_;
};

}  // namespace plangraph::detail
