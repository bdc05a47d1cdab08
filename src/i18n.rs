//! User-interface words in Simplified Chinese (default) and English.
//! Report content is never translated: it follows the official Chinese wording.

pub use report::Lang;

/// The interface language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LangCtx(pub leptos::prelude::RwSignal<Lang>);

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

/// One table's line of the 待填 group: “表三已填 120/175”.
pub fn table_progress(lang: Lang, progress: &report::TableProgress) -> String {
    let report::TableProgress {
        numeral,
        filled,
        total,
        ..
    } = progress;
    match lang {
        Lang::Zh => format!("表{numeral}已填 {filled}/{total}"),
        Lang::En => format!("Table {numeral}: {filled} of {total} filled"),
    }
}

/// What stands between the report and publishing, for the question asked before printing
/// or downloading: its errors and the cells still blank.
pub fn unfinished(lang: Lang, tally: report::Tally) -> String {
    let report::Tally {
        errors, pending, ..
    } = tally;
    match (lang, errors, pending) {
        (Lang::Zh, _, 0) => format!("报告有 {errors} 个错误"),
        (Lang::Zh, 0, _) => format!("报告还有 {pending} 个未填的单元格"),
        (Lang::Zh, _, _) => format!("报告有 {errors} 个错误、{pending} 个未填的单元格"),
        (Lang::En, _, 0) => format!("The report has {errors} errors"),
        (Lang::En, 0, _) => format!("The report still has {pending} blank cells"),
        (Lang::En, _, _) => format!("The report has {errors} errors and {pending} blank cells"),
    }
}

macro_rules! texts {
    ($( $variant:ident => $zh:expr, $en:expr; )*) => {
        /// Every fixed phrase of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text { $( $variant, )* }

        /// The phrase `text` in `lang`.
        pub fn tr(lang: Lang, text: Text) -> &'static str {
            match (lang, text) {
                $( (Lang::Zh, Text::$variant) => $zh, (Lang::En, Text::$variant) => $en, )*
            }
        }
    };
}

texts! {
    // Durable storage, recovery, several tabs and backups (issue 6).
    StorageUnavailable => "本浏览器的本地存储不可用（可能处于隐私模式或被策略禁用）", "Local storage is not available in this browser (private mode or a policy may disable it)";
    StorageFull => "浏览器存储空间已满", "The browser's storage is full";
    StorageNotVerified => "写入后读回的内容不一致", "What was written did not read back the same";
    StaleWrite => "另一个标签页已保存了更新的版本，本页的修改未写入", "Another tab saved a newer version; this page's changes were not written";
    WorkKeptInPage => "您的修改仍保留在本页中，请勿关闭页面；可立即下载全部报告。", "Your changes are kept in this page; do not close it. You can download everything now.";
    DownloadEverything => "立即下载全部报告", "Download everything now";
    RetrySave => "重试保存", "Try saving again";
    SaveAsCopy => "将本页内容另存为副本", "Save this page's version as a copy";
    ConflictCopySuffix => "（冲突副本）", " (conflict copy)";
    ReadOnly => "只读", "Read-only";
    OpenInOtherTab => "这份报告正在另一个标签页中编辑。", "This report is being edited in another tab.";
    TakeOver => "接管编辑", "Take over editing";
    NewerVersionBody => "这份报告由更新版本的年报保存（文件版本 {version}），本版本只能查看，不会改写它。请使用最新版本编辑。", "This report was saved by a newer version of Nianbao (file version {version}); this version shows it read-only and never writes over it. Use the latest version to edit it.";
    OriginalNotKept => "这份报告由旧版本保存，需要转换；存储空间不足，无法先保留原件，因此只能查看，不会改写。请先用“下载 → 数据备份 JSON”保存，再腾出空间（清空回收站或删除不用的报告）。", "This report was saved by an older version and needs converting; storage is too full to keep the original first, so it is shown read-only and never written over. Download a JSON backup first, then make room (empty the recycle bin or delete reports you no longer need).";
    LocalUsage => "报告存储：已用 {used} / {quota}（{percent}%），按现有最大一份报告的大小，约还能再存 {more} 份。", "Report storage: {used} of {quota} used ({percent}%); about {more} more reports of the current largest size fit.";
    LocalUsageTight => "空间快用完了：请先“全部导出（备份）”，再清空回收站或删除不再需要的报告。", "Space is running out: export everything (backup) first, then empty the recycle bin or delete reports you no longer need.";
    Acknowledge => "已核实…", "Checked…";
    AcknowledgeReason => "核实说明（必填），如：收到申请含上年结转，口径如此", "Why it is right (required), e.g. the figure includes last year's carry-over";
    Acknowledged => "已核实", "Checked";
    Unacknowledge => "撤销核实", "Undo checked";
    ReportGone => "这份报告已不在存储中（可能已在另一个标签页中删除）", "This report is no longer in storage (it may have been deleted in another tab)";
    Quarantined => "存储的内容无法读取，已移至恢复区：", "The stored entry cannot be read and was moved to recovery: ";
    RecoveryTitle => "无法在此打开的存储内容", "Stored entries that cannot be opened here";
    RecoveryBody => "以下内容无法读取，或由更新版本的年报写入，均已原样保留，未删除、未覆盖。可下载原始文本，交技术人员恢复，或用新版本打开。", "These entries could not be read, or were written by a newer version of Nianbao. They are kept exactly as stored, never deleted or overwritten; download the raw text to recover them, or open them with the newer version.";
    DownloadRaw => "下载原始文本", "Download raw text";
    ExportEverything => "全部导出（备份）", "Export everything (backup)";
    ImportEverything => "导入备份", "Import backup";
    ImportedCopySuffix => "（导入副本）", " (imported copy)";
    ImportDone => "已导入 {n} 份报告。", "Imported {n} reports.";
    BackupEmpty => "备份文件中没有报告，没有导入任何内容。", "The backup holds no report; nothing was imported.";
    BackupAllPresent => "备份中的 {n} 份报告报告库里都已有，内容完全相同，没有需要导入的。", "The library already holds all {n} reports of the backup, unchanged; nothing needed importing.";
    BackupIsReport => "这是一份报告文件，不是备份：请用“导入报告文件”导入。", "This is a report file, not a backup: use “Import report file”.";
    BackupImportFailed => "导入备份失败：", "Importing the backup failed: ";
    BackupItemSkipped => "备份中的报告 {id} 无法读取，未导入（{reason}）。", "Report {id} of the backup cannot be read and was not imported ({reason}).";
    BackupNothingChanged => "。报告库没有任何改动。", ". Nothing in the library was changed.";
    BackupDue => "自上次备份以来报告改动较多，建议现在备份。", "Reports changed a lot since the last backup; consider backing up now.";
    StorageSettings => "存储设置", "Storage settings";
    PersistStatus => "持久存储", "Persistent storage";
    PersistGranted => "已获准（浏览器不会自动清除）", "granted (the browser will not evict it)";
    PersistDenied => "未获准（空间紧张时浏览器可能清除）", "not granted (the browser may evict it when space runs low)";
    RequestPersist => "申请持久存储", "Request persistent storage";
    StorageUsed => "已用 / 可用空间", "Used / available";
    ClearDataWarning => "注意：清除浏览器数据（缓存、Cookie 和网站数据）会删除这里的全部报告。请定期全部导出备份。", "Clearing browser data (cache, cookies and site data) deletes every report kept here. Export a backup regularly.";
    ProductName => "年报", "Nianbao";
    Tagline => "政府信息公开工作年度报告 编制与检查", "Draft and check the annual government information disclosure report";
    Library => "报告库", "Library";
    EmptyLibraryTitle => "还没有报告", "No reports yet";
    OpenExample => "打开示例报告", "Open the example report";
    EmptyLibraryBody => "新建一份年度报告，逐项填写文字和表格；每填一个数字，系统都会立即检查勾稽关系。", "Create an annual report and fill in its text and tables; every figure is checked as you type.";
    LocalDataNote => "报告只保存在本浏览器中，请定期下载备份。", "Reports are kept only in this browser; download a backup from time to time.";
    LanguageLabel => "界面语言", "Interface language";
    UpdateReady => "新版本已就绪。更新前会先保存您的报告。", "A new version is ready. Your reports are saved before it loads.";
    UpdateNow => "立即更新", "Update now";
    NewReport => "新建报告", "New report";
    Agency => "机关名称", "Agency";
    Year => "年度", "Year";
    Format => "格式", "Format";
    LastSaved => "最后保存", "Last saved";
    Findings => "检查结果", "Findings";
    Error => "错误", "Error";
    Warning => "警告", "Warning";
    Note => "提示", "Note";
    Open => "打开", "Open";
    Rename => "重命名", "Rename";
    Duplicate => "复制", "Duplicate";
    Delete => "删除", "Delete";
    NextYear => "从本报告开始下一年度", "Start next year from this report";
    RecycleBin => "回收站", "Recycle bin";
    Restore => "恢复", "Restore";
    DeleteForever => "永久删除", "Delete for good";
    Undo => "撤销", "Undo";
    Redo => "重做", "Redo";
    Create => "创建", "Create";
    Cancel => "取消", "Cancel";
    Confirm => "确定", "OK";
    MovedToBin => "已移至回收站：", "Moved to the recycle bin: ";
    ReportTitle => "报告标题", "Report title";
    BackToLibrary => "返回报告库", "Back to library";
    Saving => "保存中…", "Saving…";
    Saved => "已保存", "Saved";
    SaveFailed => "保存失败", "Save failed";
    Unchanged => "尚未修改", "No changes yet";
    Metadata => "封面信息", "Cover details";
    Preamble => "前言", "Preamble";
    Contact => "联系方式（地址、电话、电子邮箱）", "Contact (address, phone, e-mail)";
    PublishDate => "发布日期", "Publication date";
    ExampleTag => "示例", "Example";
    SwitchFormatQuestion => "改用{name}吗？各部分正文和已填的数字都会保留；新格式没有的单元格仍保存在报告中，但不再检查，也不会打印。", "Switch to {name}? Every text and figure is kept; cells the new format lacks stay in the report but are neither checked nor printed.";
    SwitchFormat => "切换格式", "Switch format";
    PreviousReport => "关联上年报告", "Last year's report";
    KeyChanges => "与{year}年相比：{values}", "Compared with {year}: {values}";
    LastYearCarriedOut => "{year} 年报告的结转下年度（本年上年结转应与之相同）：{values}", "结转下年度 of the {year} report (this year's 上年结转 should equal it): {values}";
    LastYearInForce => "{year} 年报告的现行有效件数：{values}", "现行有效 in the {year} report: {values}";
    PreviousNone => "（不关联）", "(none)";
    PreviousHint => "关联后，检查会对照上年报告的结转下年度、现行有效件数和正文。上年报告不在报告库中时，可在报告库用“导入已发布的报告”导入。", "Once linked, the checks compare with last year's 结转下年度, 现行有效 and text. If it is not in the library, bring it in with “Import a published report” in the library.";
    PreviousFigures => "已关联 {year} 年报告：结转下年度总计 {carried}，规范性文件现行有效 {in_force}。本年的上年结转应与之一致。", "Linked to the {year} report: 结转下年度 total {carried}, normative documents in force {in_force}. This year's 上年结转 should match.";
    YearReferences => "报告标题或前言中仍写着 {old} 年，报告年度已改为 {new} 年。要一并改为 {new} 年吗？", "The report title or the preamble still says {old}; the report year is now {new}. Change them to {new} too?";
    YearReferencesUpdate => "一并修改", "Change them";
    YearReferencesKeep => "保留原样", "Keep as written";
    AutoTotals => "自动合计", "Auto-totals";
    BadgeErrors => "{n} 个错误", "{n} errors";
    BadgeWarnings => "{n} 个警告", "{n} warnings";
    BadgePending => "{n} 个单元格待填", "{n} cells to fill";
    Pending => "待填", "To fill";
    PendingHint => "未填的单元格不算问题，但打印和发布前要填好（没有请填 0）。", "Blank cells are not problems yet, but fill them before printing or publishing (0 where there is none).";
    ProseBeforeTable => "表格前的说明文字（可不填）。本节的数字请填在下方表格中。", "An optional note printed before the table. The figures go into the table below.";
    ProseSection => "本部分正文，一段一行。", "The text of this section, one paragraph per line.";
    SkipTable => "跳过本表（回车后焦点移到表格之后）", "Skip the table (Enter moves the focus past it)";
    FillZeros => "未填的单元格填 0", "Fill blank cells with 0";
    FillZerosDone => "已将 {n} 个未填的单元格填为 0（可撤销）。", "Filled {n} blank cells with 0 (undo reverts it).";
    FillZerosNone => "本表没有未填的单元格。", "This table has no blank cells.";
    FillZerosRangeDone => "已将选定区域中 {n} 个未填的单元格填为 0（可撤销）。", "Filled {n} blank cells of the selection with 0 (undo reverts it).";
    FillZerosRangeNone => "选定区域中没有未填的单元格。", "The selection has no blank cells.";
    RangeSelected => "已选定 {n} 个单元格（{rows} 行 × {cols} 列）：Ctrl+C 复制，Delete 清空，粘贴一个数填满选区", "{n} cells selected ({rows} rows × {cols} columns): Ctrl+C copies, Delete clears, pasting one value fills them";
    RangeCleared => "已清空 {n} 个单元格（可撤销）。", "Cleared {n} cells (undo reverts it).";
    AutoTotalsHint => "只算各项之和（总计、（七）总计）；结转下年度请自行填写，平衡关系照常检查", "Sums only (总计, （七）总计); type 结转下年度 yourself, the balance is always checked";
    Override => "手动覆盖", "Override";
    RestoreComputed => "恢复自动计算", "Restore computed value";
    PasteOverflow => "粘贴的区域（{rows} 行 × {cols} 列）超出了表格，未做任何修改。", "The pasted block ({rows} rows × {cols} columns) does not fit in the table; nothing was changed.";
    PasteDone => "已粘贴 {n} 个单元格。", "Pasted {n} cells.";
    InsertHeading => "插入小标题", "Insert sub-heading";
    ResetPreamble => "填入惯用表述", "Fill in customary wording";
    ResetPreambleQuestion => "前言中已有您写的文字。用惯用表述替换它吗？（可用“撤销”恢复）", "The preamble holds text you wrote. Replace it with the customary wording? (Undo brings it back.)";
    ResetPreambleReplace => "替换", "Replace";
    InfoFee => "信息处理费", "Information processing fees";
    NoFindings => "没有发现问题。", "No findings.";
    ReportMissing => "无法打开这份报告：", "This report cannot be opened: ";
    Sections => "章节", "Sections";
    AddSection => "添加章节", "Add section";
    MoveUp => "上移", "Move up";
    MoveDown => "下移", "Move down";
    RemoveSection => "删除章节", "Remove section";
    SectionHeading => "章节标题", "Section heading";
    SectionText => "正文", "Text";
    NewSectionHeading => "新章节", "New section";
    Computed => "自动计算", "Computed";
    GridHelp => "方向键、Tab、回车移动；直接输入替换；F2 或双击编辑；Esc 取消；Shift+方向键或拖动选定区域；Ctrl+C 复制、Ctrl+V 粘贴 Excel 区域；Ctrl+End 到表尾", "Arrows, Tab and Enter move; typing replaces; F2 or double-click edits; Esc cancels; Shift+arrows or dragging select a range; Ctrl+C copies and Ctrl+V pastes Excel blocks; Ctrl+End goes to the last cell";
    LinkedPrevious => "已关联上年报告，跨年度检查自动进行", "Linked to last year's report: cross-year checks run";
    Actions => "操作", "Actions";
    Edit => "编辑", "Edit";
    // Issue 5: preview, printing, downloads and importing a report file.
    Preview => "预览", "Preview";
    FindingsPane => "检查结果", "Findings";
    RightPane => "右侧面板", "Side panel";
    TwoYears => "两年对照", "Two years";
    TwoYearsNeedsPrevious => "关联上年报告后可用", "Available once last year's report is linked";
    TwoYearsNoPrevious => "尚未关联上年报告。在封面信息中选择“关联上年报告”，或在报告库用“导入已发布的报告”导入上年报告。", "No last year's report is linked. Choose one under “Last year's report” on the cover page, or bring it in with “Import a published report” in the library.";
    TwoYearsYears => "{last}年 → {year}年", "{last} → {year}";
    TwoYearsOnlyChanges => "只看有变化的格", "Only cells that changed";
    TwoYearsChanged => "{cells} 格中有 {n} 格与上年不同", "{n} of {cells} cells differ from last year";
    TwoYearsItem => "项目", "Item";
    TwoYearsLast => "上年", "Last year";
    TwoYearsThis => "本年", "This year";
    TwoYearsDifference => "增减", "Change";
    TwoYearsYoy => "同比", "Year on year";
    TwoYearsProse => "正文与上年对照", "Text against last year's";
    TwoYearsCopied => "与上年相同", "same as last year";
    TwoYearsUpdated => "仅数字不同", "only the numbers differ";
    TwoYearsNew => "新写", "new";
    TwoYearsShares => "与上年相同 {copied} 字 · 仅数字不同 {updated} 字 · 新写 {new} 字", "{copied} characters as last year · {updated} with only the numbers changed · {new} new";
    TwoYearsDropped => "上年有、今年没有的句子（{n} 句）", "Sentences of last year's that are gone ({n})";
    FullPreview => "全页预览", "Full-page preview";
    Print => "打印", "Print";
    BackToEditing => "返回编辑", "Back to editing";
    ZoomIn => "放大", "Zoom in";
    ZoomOut => "缩小", "Zoom out";
    PreviewNote => "按 A4 分页显示：每页重复表头、标注页码，与打印一致。", "Shown as A4 pages with repeated table headers and page numbers, as printed.";
    PageCount => "共 {n} 页", "{n} pages";
    PrintWithErrors => "{what}，仍要打印吗？", "{what}. Print anyway?";
    PrintAnyway => "仍要打印", "Print anyway";
    DownloadWithErrors => "{what}，发布前应先处理。仍要下载{format}吗？", "{what}, to be dealt with before publishing. Download the {format} anyway?";
    DownloadAnyway => "仍要下载", "Download anyway";
    Download => "下载", "Download";
    DownloadHtml => "网页 HTML", "Web page (HTML)";
    DownloadDocx => "Word 文档", "Word (.docx)";
    DownloadJson => "数据备份 JSON", "Data backup (JSON)";
    DownloadCsv => "表格 CSV", "Tables (CSV)";
    DownloadFailed => "下载失败：", "Download failed: ";
    DownloadSvg => "图解 SVG", "Infographic (SVG)";
    DownloadPng => "图解 PNG（300 dpi）", "Infographic (PNG, 300 dpi)";
    Infographic => "附图解", "Add infographic";
    InfographicHint => "在预览、打印、网页和 Word 下载中，报告之后附一页图解", "Adds a page of charts after the report in the preview, print-out and web page and Word downloads";
    InfographicNeedsTables => "2019年以前的格式没有统计表，无法生成图解", "The pre-2019 free format has no tables to draw charts from";
    ReadySentences => "同比句子", "Year-on-year sentences";
    ReadySentencesHint => "由两年统计表精确计算，按报告的写法保留一位小数；插入后可在正文中修改。", "Computed exactly from both years' tables, to one decimal as reports write them; edit them in the text once inserted.";
    InsertSentence => "插入正文", "Insert";
    InsertSentenceInto => "插入正文：“{section}”末尾", "Insert at the end of “{section}”";
    SentenceInserted => "已在正文中", "Already in the text";
    DrawingPicture => "正在生成图片…", "Drawing the picture…";
    Import => "导入报告文件", "Import report file";
    ImportPublished => "导入已发布的报告", "Import a published report";
    ImportPublishedHint => "粘贴网页、PDF 或 Word 中复制的报告全文，或选择 .pdf、.docx、.html、.txt、.md 文件。保存之前先核对识别结果。", "Paste the report's text copied from a web page, a PDF or Word, or choose a .pdf, .docx, .html, .txt or .md file. Review what was recognised before anything is saved.";
    PdfReading => "正在读取 PDF「{file}」…", "Reading the PDF “{file}”…";
    PdfRead => "已读取 PDF「{file}」的文字（{pages} 页），下方为读出的全文。", "Read the text of the PDF “{file}” ({pages} pages); the text is below.";
    PdfUnreadableSome => "有 {n} 个字符的字体没有说明是哪个字，已略去：请对照原文核对。", "{n} characters use a font that does not say which character they are; they were left out: check against the original.";
    PdfDamagedPages => "PDF 第 {pages} 页的内容已损坏，无法读取：这些页的文字缺失，导入不完整，请对照原文补全", "The content of page {pages} of the PDF is damaged and cannot be read: the text of those pages is missing and the import is incomplete; complete it from the original";
    PdfNotPdf => "这不是 PDF 文件", "this is not a PDF file";
    PdfDamaged => "PDF 文件已损坏或不完整，无法读取", "the PDF file is damaged or incomplete and cannot be read";
    PdfEncrypted => "PDF 文件设有密码。请先在 PDF 阅读器中取消密码再导入", "the PDF file is protected by a password. Remove the password in a PDF reader first";
    PdfScanned => "此 PDF 是扫描图片，没有文字层，无法读出其中的文字。请改用 Word 原件或网页上的文本，或手工录入", "this PDF is a scanned image with no text layer, so its text cannot be read. Use the Word original or the text of the web page, or type it in";
    PdfUnreadable => "此 PDF 的字体没有说明所显示的是哪些字，读不出可靠的文字。请改用 Word 原件或网页上的文本", "this PDF's fonts do not say which characters they show, so no reliable text can be read. Use the Word original or the text of the web page";
    PdfReader => "PDF 读取组件无法运行（{reason}）", "the PDF reader could not run ({reason})";
    ImportPublishedSource => "报告全文", "Report text";
    ImportPublishedFile => "选择文件…", "Choose a file…";
    ImportPublishedClose => "关闭", "Close";
    ImportRecognised => "识别结果", "Recognised";
    ImportAgency => "机关", "Agency";
    ImportYear => "年度", "Year";
    ImportFormat => "格式", "Format";
    ImportSections => "各部分", "Sections";
    ImportChars => "{n} 字", "{n} characters";
    ImportTables => "统计表", "Tables";
    ImportCells => "已填 {filled}/{cells} 格", "{filled} of {cells} cells filled";
    ImportErrors => "需要处理", "Needs attention (the importer's notes are in Chinese)";
    ImportUnrecognised => "未识别的内容（{n} 处）", "Not recognised ({n})";
    ImportNone => "未找到", "not found";
    ImportSave => "保存为报告", "Save as a report";
    ImportNextYear => "以此开始下一年度报告", "Start next year's report from it";
    ImportAsPrevious => "作为上年报告关联到：", "Use as last year's report of:";
    ImportLink => "关联", "Link";
    ImportLinked => "已保存，并关联为「{title}」的上年报告。", "Saved and linked as last year's report of “{title}”.";
    ImportNoTarget => "报告库中没有下一年度的报告", "No report of the following year in the library";
    ImportFileFailed => "无法读取「{file}」：{reason}", "Cannot read “{file}”: {reason}";
    ImportHint => "导入报告文件（.json，本工具保存或下载的报告）", "Import a report file (.json, as this tool saves or downloads it)";
    ImportNotes => "导入时有 {n} 处内容未能放入报告的各部分或表格，请核对", "{n} items of the imported report could not be placed in a section or table: please check them";
    ImportNotesDone => "已核对，不再显示", "Checked, hide this";
    ImportDuplicate => "报告库中已有「{title}」。用文件中的这一份替换它（原来的一份移到回收站），还是两份都保留？", "The library already holds “{title}”. Replace it with the one in the file (the present one goes to the recycle bin), or keep both?";
    ImportReplace => "替换", "Replace";
    ImportKeepBoth => "两份都保留", "Keep both";
    ImportFailed => "无法导入「{file}」：{reason}", "Cannot import “{file}”: {reason}";
    ImportPosition => "第 {line} 行第 {column} 列：", "line {line}, column {column}: ";
    ImportNotReport => "这不是年报的报告文件（应为本工具下载的“数据备份 JSON”）。", "This is not a Nianbao report file (expected a “Data backup (JSON)” downloaded from this tool).";
    ImportNewer => "该文件由更新版本的年报生成（文件版本 {version}，本版本最高可读版本 {current}），暂不能导入。请使用新版本打开。", "This file was written by a newer version of Nianbao (file version {version}; this version reads up to {current}) and cannot be imported yet. Open it with the newer version.";
    ImportUnreadable => "无法读取文件：", "The file could not be read: ";
    // While a screen's code is fetched the first time it opens (the split build, issue 15).
    ScreenLoading => "正在载入…", "Loading…";
    // A library entry listed before its findings were counted (the checker loads after it).
    Counting => "正在检查…", "Checking…";
    // 汇总: the collection of many agencies' reports (issue 18).
    CollectionOpen => "汇总各单位报告", "Collect agencies' reports";
    CollectionTitle => "汇总各单位报告", "Collected reports";
    CollectionBack => "返回报告库", "Back to the library";
    CollectionWhere => "这些报告保存在本浏览器的 IndexedDB 数据库“nianbao”中（与报告库分开，可容纳数百份报告），不会上传到任何地方。清除本网站的浏览器数据会一并删除它们：请保留各单位报送的原始文件。", "These reports are kept in this browser's IndexedDB database “nianbao” (apart from the library; it holds hundreds of reports) and are never uploaded. Clearing this site's browser data deletes them too: keep the files the agencies sent.";
    CollectionIntro => "加入各单位报送的报告文件（.json）、已发布的报告（网页、文本、Word、PDF）、整个文件夹或报告库中的报告，逐份检查，导出汇总检查表，或把选中的报告汇总为一份报告。", "Add the report files (.json) the agencies sent, published reports (web page, text, Word, PDF), a whole folder or reports from the library; each is checked, the checking summary can be exported, and the chosen reports summed into one report.";
    CollectionLoading => "正在读取已保存的汇总…", "Reading the saved collection…";
    CollectionAddFiles => "加入文件…", "Add files…";
    CollectionAddFolder => "加入文件夹…", "Add a folder…";
    CollectionAddLastYear => "加入上年报告（仅用于比对）…", "Add last year's reports (to compare only)…";
    CollectionPaste => "粘贴已发布的报告", "Paste a published report";
    CollectionPasteLabel => "已发布报告的全文（从网页、PDF 或 Word 复制）", "The published report's full text (copied from a web page, PDF or Word)";
    CollectionPasteAdd => "加入汇总", "Add to the collection";
    CollectionPasted => "粘贴的报告", "Pasted report";
    CollectionFromLibrary => "从报告库加入…", "Add from the library…";
    CollectionFromLibraryAdd => "加入所选报告", "Add the chosen reports";
    CollectionFromLibraryNone => "报告库中没有报告。", "The library has no reports.";
    CollectionCancel => "取消", "Cancel";
    CollectionReading => "正在读取 {done}/{total}：{file}", "Reading {done} of {total}: {file}";
    CollectionAdded => "已加入 {n} 份。", "{n} added.";
    CollectionSkipped => "跳过了文件夹中 {n} 个不是报告的文件（{names}）。", "Skipped {n} files of the folder that are not reports ({names}).";
    CollectionEmpty => "汇总中还没有报告。", "The collection has no reports yet.";
    CollectionFilter => "筛选（机关、文件、年度或问题）", "Filter (agency, file, year or problem)";
    CollectionOnlyErrors => "只看有错误的", "Only reports with errors";
    CollectionShown => "显示 {shown}/{total} 份", "Showing {shown} of {total}";
    CollectionInclude => "计入汇总", "In the sum";
    CollectionIncludeRow => "将「{name}」计入汇总", "Include “{name}” in the sum";
    CollectionFile => "文件", "File";
    CollectionAgency => "机关", "Agency";
    CollectionErrors => "错误", "Errors";
    CollectionWarnings => "警告", "Warnings";
    CollectionBlank => "待填", "Blank";
    CollectionProblems => "主要问题", "Main problems";
    CollectionNoProblems => "未发现问题", "No problems found";
    CollectionView => "查看", "View";
    CollectionRemove => "移除", "Remove";
    CollectionRestore => "恢复", "Restore";
    CollectionRemoved => "已移除的报告（{n}）", "Removed reports ({n})";
    CollectionEmptyRemoved => "彻底删除已移除的报告", "Delete the removed reports for good";
    CollectionEmptyRemovedConfirm => "彻底删除 {n} 份已移除的报告？此操作不能撤销。", "Delete {n} removed reports for good? This cannot be undone.";
    CollectionUnreadable => "无法作为报告读取（{n}）", "Could not be read as reports ({n})";
    CollectionBadRecords => "汇总中有 {n} 条记录无法读取，已原样保留，不会被覆盖：{keys}", "{n} stored records of the collection cannot be read; they are left as they are and never overwritten: {keys}";
    CollectionLastYearList => "上年报告（仅用于比对，{n} 份）", "Last year's reports (to compare only, {n})";
    CollectionChecks => "汇总检查", "Checks across the collection";
    CollectionNotSaved => "未能保存到浏览器：{reason}。{n} 份报告只在本页面中，请勿关闭页面，可重试。", "Not saved in the browser: {reason}. {n} reports exist only in this page; do not close it, and try again.";
    CollectionRetry => "重试保存", "Try saving again";
    CollectionStoreFailed => "无法读取已保存的汇总：{reason}", "The saved collection could not be read: {reason}";
    CollectionExportCsv => "导出 CSV", "Export CSV";
    CollectionExportHtml => "下载汇总检查表（HTML）", "Download the summary (HTML)";
    CollectionPrint => "打印汇总检查表", "Print the summary";
    CollectionOfficeLabel => "汇总单位（打印在检查表和汇总报告上）", "Collecting office (printed on the summary and the summed report)";
    CollectionSum => "汇总所选报告", "Sum the chosen reports";
    CollectionSumNothing => "没有可汇总的报告。", "There is nothing to sum.";
    CollectionSummed => "已汇总 {n} 份报告。", "{n} reports summed.";
    CollectionRefused => "未计入 {n} 份：", "{n} not included:";
    CollectionGaps => "{n} 个空白或无效的单元格未计入合计，已列入汇总报告的检查结果。", "{n} blank or invalid cells were left out of the totals; the summed report's findings name them.";
    CollectionSumOpen => "保存到报告库并打开", "Save to the library and open";
    CollectionClose => "关闭", "Close";
    CollectionReadOnly => "只读查看：汇总中的报告不能在此修改。", "Read only: a collected report cannot be changed here.";
    CollectionImportProblems => "导入时未能识别：", "Not recognised on import:";
    CollectionFindingsOf => "检查结果", "Findings";
    CollectionDocument => "报告全文", "Full report";
    CollectionOrigin => "来源", "Source";
    OriginReportFile => "报告文件", "Report file";
    OriginPublished => "已发布的文本", "Published text";
    OriginWord => "Word 文件", "Word file";
    OriginPdf => "PDF 文件", "PDF file";
    OriginPasted => "粘贴的文本", "Pasted text";
    OriginLibrary => "报告库", "Library";
    SourceNotUtf8 => "不是 UTF-8 编码的文本（第 {byte} 个字节），请另存为 UTF-8", "not UTF-8 text (byte {byte}); save it as UTF-8";
    SourceWord => "Word 文件无法读取：{reason}", "the Word file cannot be read: {reason}";
    SourceNothing => "没有找到年度报告的标题、表格或正文", "no annual report title, table or section was found";
    SourceUnknownKind => "不是可读取的报告文件类型（可用 .json、.docx、.pdf、.html、.txt、.md）", "not a kind of file that can be read (use .json, .docx, .pdf, .html, .txt or .md)";
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
