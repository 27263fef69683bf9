#pragma once
// Reads a PSPLIB single-mode RCPSP instance (`.sm`) into an rcpsp::project: job n becomes
// activity `J<n>`, renewable resource k `R<k>` with its availability as capacity, each successor
// an arc of distance = the job's duration (finish-to-start, lag 0), each positive request a
// demand. Sections are found by their headers, not by line numbers; within one, whitespace
// separates integers. What cannot be read throws parse_error with file:line:column and a plain
// reason; what reads but is wrong (a request above its capacity, a cycle) is left to
// rcpsp::validate, which reports it with the job's id.
#include "../detail/door.hpp"
#include "../error.hpp"
#include "../limits.hpp"
#include "../rcpsp.hpp"

#include <charconv>
#include <limits>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plangraph::io {

namespace detail {

/// Whitespace-separated integers of a text, each located by line and column when refused.
class sm_reader {
public:
    sm_reader(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

    /// Moves past the first line that starts (after blanks) with `header`; refuses a file without it.
    void find_section(std::string_view header) {
        for (std::size_t at = 0; at < text_.size();) {
            auto end = text_.find('\n', at);
            if (end == std::string_view::npos) end = text_.size();
            auto first = text_.find_first_not_of(" \t", at);
            if (first < end && text_.substr(first, header.size()) == header) {
                pos_ = first + header.size();
                return;
            }
            at = end + 1;
        }
        throw parse_error({file_, 0, 0}, "no section '" + std::string(header) + "'");
    }

    /// Skips the rest of the line and every following line that does not start with a digit
    /// (a section's column titles and rules).
    void skip_to_rows() {
        for (;;) {
            auto end = text_.find('\n', pos_);
            if (end == std::string_view::npos) return void(pos_ = text_.size());
            pos_ = end + 1;
            auto first = text_.find_first_not_of(" \t\r", pos_);
            if (first != std::string_view::npos && first < text_.size() && text_[first] >= '0' && text_[first] <= '9')
                return;
        }
    }

    /// Moves past `c` on the current line; refuses a line without it.
    void expect_on_line(char c, std::string_view what) {
        auto end = text_.find('\n', pos_);
        auto at = text_.find(c, pos_);
        if (at == std::string_view::npos || (end != std::string_view::npos && at > end))
            throw parse_error(where(pos_), std::string("expected '") + c + "' before " + std::string(what));
        pos_ = at + 1;
    }

    /// The next integer, which must lie in lo..hi.
    int integer(const std::string& what, int lo, int hi) {
        auto start = text_.find_first_not_of(" \t\r\n", pos_);
        if (start == std::string_view::npos) throw parse_error(where(text_.size()), "expected " + what + ", found the end of the file");
        auto end = std::min(text_.find_first_of(" \t\r\n", start), text_.size());
        auto token = text_.substr(start, end - start);
        long long value = 0;
        auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
        if (ec == std::errc::result_out_of_range || (ec == std::errc{} && ptr == token.data() + token.size() &&
                                                     (value < lo || value > hi)))
            throw parse_error(where(start), what + " " + shown(token) + " outside " + std::to_string(lo) + ".." +
                                                std::to_string(hi));
        if (ec != std::errc{} || ptr != token.data() + token.size())
            throw parse_error(where(start), "expected " + what + ", found '" + shown(token) + "'");
        pos_ = end;
        return static_cast<int>(value);
    }

    /// File, line and column of byte `at` (counted when a problem is found, never before).
    location where(std::size_t at) const {
        std::size_t line = 1, line_start = 0;
        for (std::size_t i = 0; i < at && i < text_.size(); ++i)
            if (text_[i] == '\n') ++line, line_start = i + 1;
        return {file_, line, at - line_start + 1};
    }
    /// Where the next token begins: kept to locate a value refused after it was read.
    std::size_t position() const { return text_.find_first_not_of(" \t\r\n", pos_); }

private:
    /// A token as a message shows it: at most 20 bytes, anything but printable ASCII as '?'.
    static std::string shown(std::string_view token) {
        std::string s(token.substr(0, 20));
        for (auto& c : s)
            if (c < ' ' || c > '~') c = '?';
        return token.size() > 20 ? s + "..." : s;
    }

    std::string_view text_;
    std::string file_;
    std::size_t pos_ = 0;
};

/// "J7", "R2": built by appending, since GCC 12 at -O3 reports a false -Wrestrict on
/// `"J" + std::to_string(n)` here (GCC PR 105651).
inline std::string numbered(char prefix, int n) {
    std::string id(1, prefix);
    id += std::to_string(n);
    return id;
}

/// Jobs a file may hold: far beyond PSPLIB's 122, well within what levelling handles.
inline constexpr int max_psplib_jobs = 100'000;

}  // namespace detail

namespace detail {

/// An integer that must equal `expected`, refused with `reason` otherwise.
inline void expect_value(sm_reader& in, const std::string& what, int lo, int hi, int expected, const std::string& reason) {
    auto at = in.position();
    if (in.integer(what, lo, hi) != expected) throw parse_error(in.where(at), reason);
}

/// The head of each row of the two job sections: its number, in order, and its single mode.
inline void job_head(sm_reader& in, int job, int jobs) {
    expect_value(in, "job number", 1, jobs, job, "expected job " + std::to_string(job));
    expect_value(in, "mode", 1, 1'000, 1, "only single-mode instances are supported");
}

/// The number after `header`'s colon.
inline int count_after(sm_reader& in, const char* header, const std::string& what, int hi) {
    in.find_section(header);
    in.expect_on_line(':', what);
    return in.integer(what, 0, hi);
}

/// Jobs and renewable resources; a file with other kinds of resources is refused.
inline std::pair<int, int> read_sizes(sm_reader& in) {
    in.find_section("jobs (incl. supersource/sink");
    in.expect_on_line(':', "the number of jobs");
    int jobs = in.integer("the number of jobs", 1, max_psplib_jobs);
    int resources = count_after(in, "- renewable", "the number of renewable resources", 1'000);
    for (auto other : {"- nonrenewable", "- doubly constrained"}) {
        in.find_section(other);
        in.expect_on_line(':', "the number of resources");
        expect_value(in, "the number of resources", 0, 1'000, 0,
                     "only renewable resources are supported (single-mode RCPSP)");
    }
    return {jobs, resources};
}

/// PRECEDENCE RELATIONS: each job's successors become finish-to-start arcs (durations are
/// filled in once the requests are read).
inline void read_precedence(sm_reader& in, int jobs, rcpsp::project& p) {
    in.find_section("PRECEDENCE RELATIONS:");
    in.skip_to_rows();
    for (int j = 1; j <= jobs; ++j) {
        job_head(in, j, jobs);
        int count = in.integer("the number of successors", 0, jobs);
        for (int s = 0; s < count; ++s)
            p.arcs.push_back({static_cast<std::size_t>(j - 1), static_cast<std::size_t>(in.integer("a successor", 1, jobs) - 1), 0});
    }
}

/// REQUESTS/DURATIONS: each job's duration and its positive requests.
inline void read_requests(sm_reader& in, int jobs, int resources, rcpsp::project& p) {
    in.find_section("REQUESTS/DURATIONS:");
    in.skip_to_rows();
    for (int j = 1; j <= jobs; ++j) {
        auto& a = p.activities[static_cast<std::size_t>(j - 1)];
        job_head(in, j, jobs);
        a.duration = in.integer("a duration", 0, limits::max_duration);
        for (int r = 0; r < resources; ++r)
            if (int amount = in.integer("a request", 0, std::numeric_limits<int>::max()); amount > 0)
                a.demands.push_back({static_cast<std::size_t>(r), amount});
    }
}

/// RESOURCEAVAILABILITIES: each resource's capacity.
inline void read_availabilities(sm_reader& in, int resources, rcpsp::project& p) {
    in.find_section("RESOURCEAVAILABILITIES:");
    in.skip_to_rows();
    for (int r = 1; r <= resources; ++r)
        p.resources.push_back({numbered('R', r), in.integer("an availability", 0, std::numeric_limits<int>::max())});
}

}  // namespace detail

/// The project in the text of a `.sm` file; `file` names it in errors.
inline rcpsp::project read_psplib(std::string_view text, const std::string& file) {
    detail::sm_reader in(text, file);
    auto [jobs, resources] = detail::read_sizes(in);
    rcpsp::project p;
    p.activities.resize(static_cast<std::size_t>(jobs));
    for (int j = 0; j < jobs; ++j) p.activities[static_cast<std::size_t>(j)].id = detail::numbered('J', j + 1);
    detail::read_precedence(in, jobs, p);
    detail::read_requests(in, jobs, resources, p);
    detail::read_availabilities(in, resources, p);
    for (auto& a : p.arcs) a.distance = p.activities[a.from].duration;  // finish-to-start, lag 0
    return p;
}

/// The project in a `.sm` file.
inline rcpsp::project read_psplib(const std::filesystem::path& path) {
    return read_psplib(plangraph::detail::read_file(path), path.string());
}

}  // namespace plangraph::io
