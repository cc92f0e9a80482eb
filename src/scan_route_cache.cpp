// What of a request decides its route (route_key), and whether the rules let digits be folded
// out of it (digits_fold): the keys of the scan's routing cache.
#include "scan_route_cache.hpp"

#include <algorithm>
#include <cctype>

namespace minrole::scanning {

bool digits_fold(const RuleSet& rules) {
    for (EndpointId id = 0; id < rules.size(); ++id) {
        const std::string& path = rules.at(id).path;
        std::size_t start = 0;
        while (start <= path.size()) {
            const std::size_t end = std::min(path.find('/', start), path.size());
            const std::string_view segment(path.data() + start, end - start);
            const bool templated = segment.find('{') != std::string_view::npos;
            if (!segment.empty() && !templated && std::isdigit(static_cast<unsigned char>(segment.front())) != 0) {
                return false;
            }
            bool in_parameter = false;
            for (const char c : segment) {
                in_parameter = c == '{' ? true : c == '}' ? false : in_parameter;
                if (templated && !in_parameter && std::isdigit(static_cast<unsigned char>(c)) != 0) {
                    return false;
                }
            }
            start = end + 1;
        }
    }
    return true;
}

bool route_key(std::string_view method, std::string_view target, bool fold_digits, std::string& key) {
    std::string_view rest;
    if (const std::size_t scheme = target.find("://"); scheme != std::string_view::npos) {
        const std::size_t slash = target.find('/', scheme + 3);
        rest = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    } else if (target.size() >= 2 && target[0] == '/' && target[1] == '/') {
        const std::size_t slash = target.find('/', 2);
        rest = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    } else if (!target.empty() && target.front() == '/') {
        rest = target;
    } else {
        return false;
    }
    const std::size_t question = rest.find('?');
    const std::string_view path = rest.substr(0, question);
    if (rest.find('#') != std::string_view::npos || path.find('%') != std::string_view::npos ||
        path.find(' ') != std::string_view::npos) {
        return false;
    }
    key.assign(method);
    key += ' ';
    const std::size_t path_at = key.size();
    key += path;
    if (fold_digits) {
        for (std::size_t at = key.find('/', path_at); at != std::string::npos; at = key.find('/', at + 1)) {
            if (at + 1 < key.size() && key[at + 1] >= '0' && key[at + 1] <= '9') {
                for (++at; at < key.size() && key[at] != '/'; ++at) {
                    key[at] = key[at] >= '0' && key[at] <= '9' ? '0' : key[at];
                }
                --at;
            }
        }
    }
    if (question == std::string_view::npos) {
        return true;
    }
    key += '?';
    std::string_view query = rest.substr(question + 1);
    while (true) {
        const std::size_t amp = query.find('&');
        const std::string_view item = query.substr(0, amp);
        const std::size_t eq = item.find('=');
        const std::string_view name = item.substr(0, eq);
        key += name;
        if (name == "_method" || name.find('%') != std::string_view::npos) {
            key += item.substr(name.size());
        }
        key += '&';
        if (amp == std::string_view::npos) {
            break;
        }
        query.remove_prefix(amp + 1);
    }
    return true;
}
} // namespace minrole::scanning
