#pragma once
// Masking of personal data for display. Every API response shows these forms
// unless the caller reveals a field (an audited action).

#include <string>
#include <string_view>

namespace weige {

// "张三" -> "张*", "欧阳娜娜" -> "欧***"; empty stays empty. UTF-8 aware.
std::string mask_name(std::string_view name);
// "13812341234" -> "138****1234"; shorter numbers keep only their last 2 digits.
std::string mask_phone(std::string_view phone);
// "510108199001011234" -> "5101**********1234".
std::string mask_id_number(std::string_view id_number);
// Keeps the first 6 characters, masks the rest: "双福路8号3栋2单元1201" -> "双福路8号3****".
std::string mask_address(std::string_view address);

}  // namespace weige
