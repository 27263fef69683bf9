#pragma once
// The one table printer of the command line: columns aligned by display width (so Vietnamese
// names, combining marks and wide characters line up), two spaces between columns, trailing
// blanks trimmed. Output is linear in the input: a column is padded to its widest cell only up to
// max_pad columns (a wider cell overflows its own row instead of widening every row), and
// hierarchy indentation stops growing at max_indent_depth levels.
#include <plangraph/detail/utf8.hpp>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace plangraph::cli {

class text_table {
public:
    enum class align { left, right };
    struct column {
        std::string title;
        align side = align::left;
    };
    static constexpr std::size_t max_pad = 48;
    static constexpr std::size_t max_indent_depth = 12;

    explicit text_table(std::vector<column> columns) : columns_(std::move(columns)) {
        widths_.resize(columns_.size(), 0);
        std::vector<std::string> titles;
        for (const auto& c : columns_) titles.push_back(c.title);
        row(std::move(titles));
    }

    /// Appends a row; missing trailing cells are blank.
    void row(std::vector<std::string> cells) {
        cells.resize(columns_.size());
        for (std::size_t k = 0; k < cells.size(); ++k) {
            auto w = detail::display_width(cells[k]);
            if (w <= max_pad) widths_[k] = std::max(widths_[k], w);
        }
        rows_.push_back(std::move(cells));
    }

    void print(std::ostream& out) const {
        std::string line;
        for (const auto& r : rows_) {
            line.clear();
            for (std::size_t k = 0; k < r.size(); ++k) {
                if (k) line += "  ";
                auto w = detail::display_width(r[k]);
                std::string fill(w < widths_[k] ? widths_[k] - w : 0, ' ');
                line += columns_[k].side == align::right ? fill + r[k] : r[k] + fill;
            }
            line.erase(line.find_last_not_of(' ') + 1);
            out << line << '\n';
        }
    }

    /// Two spaces a level, up to max_indent_depth levels.
    static std::string indent(std::size_t depth) { return std::string(2 * std::min(depth, max_indent_depth), ' '); }

private:
    std::vector<column> columns_;
    std::vector<std::size_t> widths_{};
    std::vector<std::vector<std::string>> rows_{};
};

}  // namespace plangraph::cli
