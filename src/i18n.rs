//! User-interface words in Simplified Chinese (default) and English.
//! Report content is never translated: it follows the official Chinese wording.

pub use report::Lang;

/// The value of the `lang` attribute of `<html>` for `lang`.
pub fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// The short code under which the choice is stored.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// Every fixed phrase of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    ProductName,
    Tagline,
    Library,
    EmptyLibraryTitle,
    EmptyLibraryBody,
    LocalDataNote,
    LanguageLabel,
}

/// The phrase `text` in `lang`.
pub fn tr(lang: Lang, text: Text) -> &'static str {
    use Text::*;
    match (lang, text) {
        (Lang::Zh, ProductName) => "年报",
        (Lang::En, ProductName) => "Nianbao",
        (Lang::Zh, Tagline) => "政府信息公开工作年度报告 编制与检查",
        (Lang::En, Tagline) => {
            "Draft and check the annual government information disclosure report"
        }
        (Lang::Zh, Library) => "报告库",
        (Lang::En, Library) => "Library",
        (Lang::Zh, EmptyLibraryTitle) => "还没有报告",
        (Lang::En, EmptyLibraryTitle) => "No reports yet",
        (Lang::Zh, EmptyLibraryBody) => {
            "新建一份年度报告，逐项填写文字和表格；每填一个数字，系统都会立即检查勾稽关系。"
        }
        (Lang::En, EmptyLibraryBody) => {
            "Create an annual report and fill in its text and tables; every figure is checked as you type."
        }
        (Lang::Zh, LocalDataNote) => "报告只保存在本浏览器中，请定期下载备份。",
        (Lang::En, LocalDataNote) => {
            "Reports are kept only in this browser; download a backup from time to time."
        }
        (Lang::Zh, LanguageLabel) => "界面语言",
        (Lang::En, LanguageLabel) => "Interface language",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_language_is_chinese() {
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(tr(Lang::default(), Text::Library), "报告库");
        assert_eq!(tr(Lang::En, Text::Library), "Library");
    }
}
