"""Vietnamese for the strings Qt itself draws: context menus, standard buttons, the message-box
details button, and the print and file dialogs where Qt draws them (Linux; Windows draws its
own, in the system's language).

PySide6 ships no ``qtbase_vi.qm``; these are the strings a desk shows (collected by opening each
widget with a recording translator, see tests/ui/test_qt_vietnamese.py). Unknown strings fall
through to Qt's English.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

_EDIT = {
    "&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "&Cắt", "&Copy": "Sao &chép", "&Paste": "&Dán",
    "Delete": "Xóa", "Select All": "Chọn tất cả", "Copy &Link Location": "Sao chép địa chỉ &liên kết",
}

TRANSLATIONS: dict[str, dict[str, str]] = {
    "QLineEdit": _EDIT,
    "QWidgetTextControl": _EDIT,
    "QAbstractSpinBox": {"&Select All": "&Chọn tất cả", "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QPlatformTheme": {
        "OK": "Đồng ý", "Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Yes": "&Có",
        "Yes to &All": "Có với &tất cả", "&No": "&Không", "N&o to All": "Khô&ng với tất cả", "Abort": "Hủy bỏ",
        "Retry": "Thử lại", "Ignore": "Bỏ qua", "Close": "Đóng", "Cancel": "Hủy", "Discard": "Bỏ",
        "Help": "Trợ giúp", "Apply": "Áp dụng", "Reset": "Đặt lại", "Restore Defaults": "Khôi phục mặc định",
    },
    "QMessageBox": {"Show Details...": "Xem chi tiết...", "Hide Details...": "Ẩn chi tiết...", "OK": "Đồng ý"},
    "QPrintDialog": {
        "Print": "In", "&Print": "&In", "&Options >>": "&Tùy chọn >>", "&Options <<": "&Tùy chọn <<",
        "All Pages": "Tất cả các trang", "Odd Pages": "Trang lẻ", "Even Pages": "Trang chẵn",
        "Local file": "Tệp trên máy", "Print to File (PDF)": "In ra tệp (PDF)", "Write PDF file": "Ghi tệp PDF",
        "Print To File ...": "In ra tệp...",
    },
    "QPrintWidget": {
        "Printer": "Máy in", "&Name:": "&Tên:", "P&roperties": "Th&uộc tính", "Location:": "Vị trí:",
        "Type:": "Loại:", "Output &file:": "&Tệp kết quả:", "Preview": "Xem trước", "...": "...", "Form": "Mẫu",
    },
    "QPrintSettingsOutput": {
        "Form": "Mẫu", "Copies": "Số bản", "Copies:": "Số bản:", "Collate": "Sắp theo bộ", "Reverse": "In ngược",
        "Print range": "Phạm vi in", "Print all": "In tất cả", "Pages from": "Từ trang", "to": "đến",
        "Pages": "Trang", "Current Page": "Trang hiện tại", "Selection": "Phần đã chọn", "Options": "Tùy chọn",
        "Output Settings": "Thiết lập in", "Page &Set:": "&Nhóm trang:", "Color Mode": "Chế độ màu",
        "Color": "Màu", "Grayscale": "Đen trắng", "Double Sided Printing": "In hai mặt", "Off": "Tắt",
        "Long side binding": "Đóng gáy cạnh dài", "Short side binding": "Đóng gáy cạnh ngắn",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a "
        "hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.":
            "Ghi các trang hoặc khoảng trang, cách nhau bằng dấu phẩy; khoảng trang là hai số nối bằng "
            "dấu gạch. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.",
    },
    "QFileDialog": {
        "&Look in:": "&Tìm trong:", "File &name:": "&Tên tệp:", "Files of &type:": "&Loại tệp:",
        "&Open": "&Mở", "&Save": "&Lưu", "Open": "Mở", "Save As": "Lưu thành", "Back": "Lùi lại",
        "Forward": "Tiến tới", "Parent Directory": "Thư mục cha", "Go back": "Lùi lại", "Go forward": "Tiến tới",
        "Go to the parent directory": "Lên thư mục cha", "Create New Folder": "Tạo thư mục mới",
        "Create a New Folder": "Tạo một thư mục mới", "&New Folder": "Thư mục &mới", "New Folder": "Thư mục mới",
        "List View": "Danh sách", "Detail View": "Chi tiết", "Change to list view mode": "Xem dạng danh sách",
        "Change to detail view mode": "Xem dạng chi tiết", "&Delete": "&Xóa", "&Rename": "Đổi &tên",
        "Show &hidden files": "Hiện tệp ẩ&n", "All Files (*)": "Mọi tệp (*)", "Files": "Tệp",
        "Sidebar": "Thanh bên", "List of places and bookmarks": "Các vị trí và dấu trang",
        "Are you sure you want to delete '%1'?": "Xóa «%1»?",
        "%1 already exists.\nDo you want to replace it?": "«%1» đã có.\nGhi đè lên tệp đó?",
    },
    "QFileSystemModel": {"Name": "Tên", "Size": "Kích thước", "Type": "Loại", "Date Modified": "Ngày sửa",
                         "Computer": "Máy tính"},
    "QAbstractFileIconProvider": {"Drive": "Ổ đĩa", "Folder": "Thư mục", "File": "Tệp"},
    "QPageSize": {"A4": "A4"},
}


class QtVietnamese(QTranslator):
    """Answers Qt's own contexts from :data:`TRANSLATIONS`; None lets the next translator try."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: ARG002
                  n: int = -1) -> str | None:
        return TRANSLATIONS.get(context, {}).get(source)

    def isEmpty(self) -> bool:  # noqa: N802
        return False
