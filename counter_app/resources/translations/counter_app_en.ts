<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message>
        <source>Việc vừa làm chưa được lưu; những gì đã nhập vẫn còn trên màn hình.</source>
        <translation>What you just did was not saved; what you entered is still on the screen.</translation>
    </message>
    <message>
        <source>Ổ đĩa chứa cơ sở dữ liệu {where} đã đầy. {SAVED} Hãy giải phóng dung lượng (xóa tệp không cần, chuyển bản sao lưu cũ sang ổ khác) rồi làm lại.</source>
        <translation>The disk holding the database {where} is full. {SAVED} Free some space (delete files you do not need, move old backups to another drive) and try again.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {where} đang ở chế độ chỉ đọc (ổ đĩa hoặc thư mục không cho ghi). {SAVED} Hãy kiểm tra ổ đĩa/USB (khóa ghi, lỗi ổ đĩa) hoặc chọn tệp khác (--db).</source>
        <translation>The database {where} is read-only (the drive or folder does not allow writing). {SAVED} Check the drive/USB stick (write lock, disk error) or choose another file (--db).</translation>
    </message>
    <message>
        <source>Tài khoản đang chạy phần mềm không có quyền đọc/ghi cơ sở dữ liệu {where}. {SAVED} Hãy chạy bằng đúng tài khoản của quầy hoặc nhờ kỹ thuật kiểm tra quyền của tệp.</source>
        <translation>The account running the software may not read/write the database {where}. {SAVED} Run it with the desk&apos;s own account or ask technical support to check the file&apos;s permissions.</translation>
    </message>
    <message>
        <source>Tệp cơ sở dữ liệu {where} bị hỏng hoặc không phải cơ sở dữ liệu của Một Cửa Counter. Đừng ghi thêm vào tệp này: hãy khôi phục từ bản sao lưu gần nhất (counter-app backup restore TỆP) rồi đồng bộ lại với trung tâm.</source>
        <translation>The database file {where} is damaged or is not a Một Cửa Counter database. Do not write to this file any more: restore the latest backup (counter-app backup restore FILE), then sync with the central system again.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp cơ sở dữ liệu {where} (tệp đã bị xóa, đổi tên, hoặc ổ USB/ổ mạng bị rút ra). Hãy cắm lại ổ đĩa, hoặc khôi phục từ bản sao lưu.</source>
        <translation>The database file {where} cannot be found (the file was deleted or renamed, or the USB/network drive was removed). Plug the drive back in, or restore from a backup.</translation>
    </message>
    <message>
        <source>Không tạo được cơ sở dữ liệu {where}: trên đường dẫn có một tệp trùng tên thư mục. Hãy chọn đường dẫn khác (--db).</source>
        <translation>Cannot create the database {where}: a file on the path has the name of a folder. Choose another path (--db).</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {where} đang bị một chương trình khác giữ quá lâu. {SAVED} Hãy đóng chương trình đó rồi làm lại.</source>
        <translation>Another program has been holding the database {where} for too long. {SAVED} Close that program and try again.</translation>
    </message>
    <message>
        <source>Lỗi đọc/ghi ổ đĩa ở cơ sở dữ liệu {where}. {SAVED} Hãy kiểm tra ổ đĩa (cáp, USB, lỗi phần cứng) rồi làm lại; nếu lỗi còn, khôi phục từ bản sao lưu.</source>
        <translation>Disk read/write error on the database {where}. {SAVED} Check the drive (cable, USB, hardware fault) and try again; if the error persists, restore from a backup.</translation>
    </message>
    <message>
        <source>của quầy</source>
        <translation>of this desk</translation>
    </message>
    <message>
        <source>Tệp cơ sở dữ liệu {where} bị hỏng hoặc không phải cơ sở dữ liệu của Một Cửa Counter. Hãy khôi phục tệp từ bản sao lưu, hoặc chọn tệp khác (--db).</source>
        <translation>The database file {where} is damaged or is not a Một Cửa Counter database. Restore the file from a backup, or choose another file (--db).</translation>
    </message>
    <message>
        <source>Ổ đĩa đã đầy: không ghi được cơ sở dữ liệu {where}. Hãy giải phóng dung lượng rồi mở lại phần mềm.</source>
        <translation>The disk is full: the database {where} cannot be written. Free some space, then open the application again.</translation>
    </message>
    <message>
        <source>Không có quyền ghi cơ sở dữ liệu {where}. Hãy kiểm tra quyền của tệp và thư mục, hoặc chọn tệp khác (--db).</source>
        <translation>No permission to write the database {where}. Check the permissions of the file and its folder, or choose another file (--db).</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu {where} đang bị một chương trình khác giữ. Hãy đóng chương trình đó rồi mở lại phần mềm.</source>
        <translation>The database {where} is held by another program. Close that program, then open the application again.</translation>
    </message>
    <message>
        <source>Không mở được tệp cơ sở dữ liệu {where}: thư mục không tồn tại hoặc không có quyền ghi. Hãy chọn tệp khác (--db).</source>
        <translation>Cannot open the database file {where}: the folder does not exist or cannot be written. Choose another file (--db).</translation>
    </message>
    <message>
        <source>Lỗi đọc/ghi ổ đĩa khi mở cơ sở dữ liệu {where}. Hãy kiểm tra ổ đĩa rồi mở lại phần mềm.</source>
        <translation>Disk read/write error while opening the database {where}. Check the disk, then open the application again.</translation>
    </message>
    <message>
        <source>Không có quyền ghi vào «{name}». Hãy kiểm tra quyền của thư mục, hoặc chọn tệp khác (--db).</source>
        <translation>No permission to write to “{name}”. Check the folder&apos;s permissions, or choose another file (--db).</translation>
    </message>
    <message>
        <source>Không tạo được thư mục «{name}» cho cơ sở dữ liệu: trên đường dẫn có một tệp trùng tên thư mục. Hãy chọn đường dẫn khác (--db).</source>
        <translation>Cannot create the folder “{name}” for the database: a file with the folder&apos;s name is in the way. Choose another path (--db).</translation>
    </message>
    <message>
        <source>Không mở được cơ sở dữ liệu {where}: {error}</source>
        <translation>Cannot open the database {where}: {error}</translation>
    </message>
    <message>
        <source>Không nâng cấp được cơ sở dữ liệu {where} lên phiên bản mới: {error}. Hãy khôi phục từ bản sao lưu hoặc liên hệ bộ phận kỹ thuật.</source>
        <translation>Cannot upgrade the database {where} to the new version: {error}. Restore it from a backup or contact technical support.</translation>
    </message>
    <message>
        <source>Quầy chưa được thiết lập: mời nhập thông tin đơn vị và cán bộ đầu tiên.</source>
        <translation>This desk is not set up yet: enter the unit and the first officer.</translation>
    </message>
    <message>
        <source>Tệp dữ liệu bị hỏng</source>
        <translation>The data file is damaged</translation>
    </message>
    <message>
        <source>Mã TTHC</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <source>{label} phải là chuỗi ký tự.</source>
        <translation>{label} must be text.</translation>
    </message>
    <message>
        <source>ký tự NUL</source>
        <translation>a NUL character</translation>
    </message>
    <message>
        <source>ký tự điều khiển U+{code:04X}</source>
        <translation>the control character U+{code:04X}</translation>
    </message>
    <message>
        <source>{label} chứa {what} không hợp lệ; hãy nhập lại (không dán ký tự lạ).</source>
        <translation>{label} contains {what}, which is not allowed; type it again (do not paste unusual characters).</translation>
    </message>
    <message>
        <source>Hãy nhập {label}.</source>
        <translation>Enter the {label}.</translation>
    </message>
    <message>
        <source>{label} dài {count} ký tự, tối đa {max_length} ký tự.</source>
        <translation>{label} is {count} characters long; the maximum is {max_length}.</translation>
    </message>
    <message>
        <source>Mã cơ quan</source>
        <translation>Agency code</translation>
    </message>
    <message>
        <source>Mã thủ tục</source>
        <translation>Procedure code</translation>
    </message>
    <message>
        <source>Mã trường hợp</source>
        <translation>Case code</translation>
    </message>
    <message>
        <source>Mã lĩnh vực</source>
        <translation>Field code</translation>
    </message>
    <message>
        <source>Mã giấy tờ</source>
        <translation>Document code</translation>
    </message>
    <message>
        <source>Tên thủ tục</source>
        <translation>Procedure name</translation>
    </message>
    <message>
        <source>Tên trường hợp</source>
        <translation>Case name</translation>
    </message>
    <message>
        <source>Tên lĩnh vực</source>
        <translation>Field name</translation>
    </message>
    <message>
        <source>Mẫu đơn, tờ khai</source>
        <translation>Application form template</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>Họ và tên (tên tổ chức)</source>
        <translation>Full name (or organisation name)</translation>
    </message>
    <message>
        <source>Loại đối tượng</source>
        <translation>Applicant type</translation>
    </message>
    <message>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Quốc tịch</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <source>Kênh thực hiện</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Hình thức trả kết quả</source>
        <translation>Result delivery method</translation>
    </message>
    <message>
        <source>Họ và tên cán bộ</source>
        <translation>Officer&apos;s full name</translation>
    </message>
    <message>
        <source>Tên cơ quan</source>
        <translation>Agency name</translation>
    </message>
    <message>
        <source>Địa danh</source>
        <translation>Place name</translation>
    </message>
    <message>
        <source>Dòng tiêu đề thứ nhất (cơ quan chủ quản)</source>
        <translation>First heading line (governing body)</translation>
    </message>
    <message>
        <source>Dòng tiêu đề thứ hai (trung tâm hoặc bộ phận)</source>
        <translation>Second heading line (centre or section)</translation>
    </message>
    <message>
        <source>Tên quầy</source>
        <translation>Desk name</translation>
    </message>
    <message>
        <source>Lý do từ chối</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <source>Tên giấy tờ cần bổ sung</source>
        <translation>Name of the document to supplement</translation>
    </message>
    <message>
        <source>Lý do dừng xử lý</source>
        <translation>Reason for stopping processing</translation>
    </message>
    <message>
        <source>Loại giấy tờ kết quả</source>
        <translation>Result document type</translation>
    </message>
    <message>
        <source>Số giấy tờ kết quả</source>
        <translation>Result document number</translation>
    </message>
    <message>
        <source>Cơ quan xử lý</source>
        <translation>Processing agency</translation>
    </message>
    <message>
        <source>Mã giao dịch thanh toán</source>
        <translation>Payment transaction reference</translation>
    </message>
    <message>
        <source>Người nộp tiền</source>
        <translation>Payer</translation>
    </message>
    <message>
        <source>Loại sự kiện</source>
        <translation>Event type</translation>
    </message>
    <message>
        <source>Khóa đối tượng</source>
        <translation>Entity key</translation>
    </message>
    <message>
        <source>Mã lượt tiếp nhận</source>
        <translation>Intake ID</translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>{label} phải trong các năm {MIN_YEAR}–{MAX_YEAR} (nhận được năm {year}).</source>
        <translation>{label} must fall within the years {MIN_YEAR}–{MAX_YEAR} (got the year {year}).</translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Cấp</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation>Required documents</translation>
    </message>
    <message>
        <source>Cơ quan thực hiện</source>
        <translation>Competent agency</translation>
    </message>
    <message>
        <source>Kết quả thực hiện</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Căn cứ pháp lý</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Gõ tên hoặc mã thủ tục, không cần dấu (ví dụ: dang ky khai sinh, 1.001193)</source>
        <translation>Type a procedure name or code, diacritics optional (e.g. dang ky khai sinh, 1.001193)</translation>
    </message>
    <message>
        <source>Trường hợp:</source>
        <translation>Case:</translation>
    </message>
    <message>
        <source>&amp;Tìm thủ tục:</source>
        <translation>&amp;Find procedure:</translation>
    </message>
    <message>
        <source>{n} thủ tục</source>
        <translation>{n} procedures</translation>
    </message>
    <message>
        <source>Tên giấy tờ</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Kiểm tra</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <source>Lý do thiếu / không hợp lệ</source>
        <translation>Why missing / not valid</translation>
    </message>
    <message>
        <source>Chứng thực</source>
        <translation>Certified</translation>
    </message>
    <message>
        <source>Bản photo</source>
        <translation>Photocopies</translation>
    </message>
    <message>
        <source>Số bản chính</source>
        <translation>Number of originals</translation>
    </message>
    <message>
        <source>Số bản sao có chứng thực</source>
        <translation>Number of certified copies</translation>
    </message>
    <message>
        <source>Số bản photo</source>
        <translation>Number of photocopies</translation>
    </message>
    <message>
        <source>có điều kiện: {when}</source>
        <translation>conditional: {when}</translation>
    </message>
    <message>
        <source>có điều kiện</source>
        <translation>conditional</translation>
    </message>
    <message>
        <source>trong phiếu bổ sung</source>
        <translation>in the supplement notice</translation>
    </message>
    <message>
        <source>— chưa kiểm tra —</source>
        <translation>— not checked —</translation>
    </message>
    <message>
        <source>Phím 1: Đã nộp · 2: Thiếu · 3: Không hợp lệ · 4: Không áp dụng</source>
        <translation>Keys 1: Provided · 2: Missing · 3: Not valid · 4: Not applicable</translation>
    </message>
    <message>
        <source>Tiếp
nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Yêu cầu
bổ sung</source>
        <translation>Supplement
requested</translation>
    </message>
    <message>
        <source>Từ
chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Đã
trả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Trả
quá hạn</source>
        <translation>Returned
late</translation>
    </message>
    <message>
        <source>Đang
giải quyết</source>
        <translation>In
process</translation>
    </message>
    <message>
        <source>Sắp
đến hạn</source>
        <translation>Due
soon</translation>
    </message>
    <message>
        <source>Quá
hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Nhập hồ sơ tồn: có dòng không hợp lệ</source>
        <translation>Backlog import: some rows are not valid</translation>
    </message>
    <message>
        <source>Không nhập hồ sơ nào: {refused} trong {rows} dòng của «{name}» không hợp lệ. Hãy sửa các dòng dưới đây trong bảng tính rồi nhập lại cả tệp.</source>
        <translation>Nothing imported: {refused} of the {rows} rows of «{name}» are not valid. Correct the rows below in the spreadsheet, then import the whole file again.</translation>
    </message>
    <message>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Đang kiểm tra và nhập «{name}»…</source>
        <translation>Checking and importing «{name}»…</translation>
    </message>
    <message>
        <source>Đã nhập {count} hồ sơ tồn từ «{name}»; chúng sẽ được đồng bộ như các hồ sơ khác.</source>
        <translation>Imported {count} backlog dossiers from «{name}»; they sync like the others.</translation>
    </message>
    <message>
        <source>Không nhập hồ sơ nào: {refused} dòng không hợp lệ.</source>
        <translation>Nothing imported: {refused} rows are not valid.</translation>
    </message>
    <message>
        <source>Không nhập được tệp: {error}</source>
        <translation>Could not import the file: {error}</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Quầy</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving officer</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi</source>
        <translation>Apology letter</translation>
    </message>
    <message>
        <source>Mã phiếu</source>
        <translation>Notice code</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Cán bộ hướng dẫn</source>
        <translation>Guiding officer</translation>
    </message>
    <message>
        <source>Người phê duyệt</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Toàn đơn vị</source>
        <translation>Whole unit</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Bưu chính</source>
        <translation>By post</translation>
    </message>
    <message>
        <source>{days} ngày</source>
        <translation>{days} d</translation>
    </message>
    <message>
        <source>{hours} giờ</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{minutes} phút</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>Số hóa</source>
        <translation>Digitised</translation>
    </message>
    <message>
        <source>Tái sử dụng</source>
        <translation>Reused</translation>
    </message>
    <message>
        <source>Phí nộp
trực tuyến</source>
        <translation>Fees paid
online</translation>
    </message>
    <message>
        <source>Đơn vị, quầy, cán bộ, thủ tục, lĩnh vực</source>
        <translation>Unit, desk, officer, procedure, field</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Tiếp nhận và trả kết quả — 30 ngày làm việc gần nhất</source>
        <translation>Received and returned — last 30 working days</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return results</translation>
    </message>
    <message>
        <source>Ngừng hoạt động</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>Bị khóa đến {locked_until:%H:%M %d/%m/%Y}</source>
        <translation>Locked until {locked_until:%H:%M %d/%m/%Y}</translation>
    </message>
    <message>
        <source>Đang hoạt động</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Chỉ quản trị viên mới được quản lý tài khoản cán bộ.</source>
        <translation>Only an administrator may manage officer accounts.</translation>
    </message>
    <message>
        <source>Tài khoản hiện tại không còn quyền quản trị.</source>
        <translation>The current account no longer has administrator rights.</translation>
    </message>
    <message>
        <source>Không tìm thấy cán bộ.</source>
        <translation>Officer not found.</translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.</source>
        <translation>The password must be at least {MIN_PASSWORD} characters long.</translation>
    </message>
    <message>
        <source>Hãy chọn ít nhất một vai trò.</source>
        <translation>Choose at least one role.</translation>
    </message>
    <message>
        <source>Không thể tự bỏ vai trò quản trị của chính mình.</source>
        <translation>You cannot remove your own administrator role.</translation>
    </message>
    <message>
        <source>Phải còn ít nhất một quản trị viên đang hoạt động.</source>
        <translation>At least one active administrator must remain.</translation>
    </message>
    <message>
        <source>Không thể tự ngừng hoạt động tài khoản đang đăng nhập.</source>
        <translation>You cannot deactivate the account you are signed in with.</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo mới mở được bảng theo dõi.</source>
        <translation>Only supervisors can open the dashboard.</translation>
    </message>
    <message>
        <source>Theo ngày</source>
        <translation>By day</translation>
    </message>
    <message>
        <source>Theo khoảng thời gian</source>
        <translation>By period</translation>
    </message>
    <message>
        <source>&amp;Hôm nay</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <source>Làm mới (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>Xuất báo cáo (Ctrl+E)</source>
        <translation>Export report (Ctrl+E)</translation>
    </message>
    <message>
        <source>Báo cáo tiếp nhận, giải quyết — PDF</source>
        <translation>Reception and processing report — PDF</translation>
    </message>
    <message>
        <source>Báo cáo tiếp nhận, giải quyết — XLSX</source>
        <translation>Reception and processing report — XLSX</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ (Mẫu 07) — PDF</source>
        <translation>Dossier tracking book (Form 07) — PDF</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ (Mẫu 07) — XLSX</source>
        <translation>Dossier tracking book (Form 07) — XLSX</translation>
    </message>
    <message>
        <source>&amp;Ngày:</source>
        <translation>&amp;Day:</translation>
    </message>
    <message>
        <source>Mới đăng ký</source>
        <translation>Newly registered</translation>
    </message>
    <message>
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Không tiếp nhận</source>
        <translation>Not received</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>In process</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <source>Chờ thực hiện nghĩa vụ tài chính</source>
        <translation>Awaiting payment</translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ</source>
        <translation>Withdrawn by the applicant</translation>
    </message>
    <message>
        <source>Dừng xử lý</source>
        <translation>Processing stopped</translation>
    </message>
    <message>
        <source>Đã có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>Không thể chuyển hồ sơ từ trạng thái «{current}» sang «{target}».</source>
        <translation>The dossier cannot move from the status “{current}” to “{target}”.</translation>
    </message>
    <message>
        <source>«{agency}» đã yêu cầu bổ sung hồ sơ {code} một lần (lúc {earlier_at:%H:%M ngày %d/%m/%Y}); theo quy định mỗi cơ quan chỉ được yêu cầu bổ sung một lần trong quá trình giải quyết.</source>
        <translation>“{agency}” already requested a supplement for dossier {code} once (at {earlier_at:%H:%M on %d/%m/%Y}); by regulation each agency may request a supplement only once while processing a dossier.</translation>
    </message>
    <message>
        <source>Chuyển trạng thái</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>Cập nhật hạn trả</source>
        <translation>Due date update</translation>
    </message>
    <message>
        <source>Bản sửa hồ sơ</source>
        <translation>Dossier correction</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Bản sửa lượt tiếp nhận</source>
        <translation>Intake correction</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ hay lượt tiếp nhận «{entity_key}» trên máy này.</source>
        <translation>No dossier or intake “{entity_key}” on this computer.</translation>
    </message>
    <message>
        <source>{problem} Trường này không sửa được ở đây: hãy báo quản trị (tên thủ tục: nhập lại danh mục; tên cán bộ: quản lý cán bộ).</source>
        <translation>{problem} This field cannot be corrected here: tell the administrator (procedure name: re-import the catalog; officer name: officer management).</translation>
    </message>
    <message>
        <source>Chỉ cán bộ tiếp nhận hoặc lãnh đạo mới được sửa hồ sơ bị trung tâm từ chối.</source>
        <translation>Only a reception officer or a supervisor may correct a dossier refused by the central system.</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Results returned</translation>
    </message>
    <message>
        <source>Rút / dừng giải quyết</source>
        <translation>Withdrawn / stopped</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi, gia hạn</source>
        <translation>Apology and extension letters</translation>
    </message>
    <message>
        <source>Chưa giải quyết xong</source>
        <translation>Not yet settled</translation>
    </message>
    <message>
        <source>Còn trong hạn</source>
        <translation>Within deadline</translation>
    </message>
    <message>
        <source>Sắp đến hạn (≤ 1 ngày làm việc)</source>
        <translation>Due soon (≤ 1 working day)</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>Sắp đến hạn</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Tạm dừng tính thời gian</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <source>Quá hạn (chưa có kết quả)</source>
        <translation>Overdue (no result yet)</translation>
    </message>
    <message>
        <source>Sắp đến hạn (trong 1 ngày làm việc)</source>
        <translation>Due soon (within 1 working day)</translation>
    </message>
    <message>
        <source>Đúng hạn (còn hạn)</source>
        <translation>On time (within deadline)</translation>
    </message>
    <message>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <source>Theo quầy</source>
        <translation>By desk</translation>
    </message>
    <message>
        <source>Theo cán bộ</source>
        <translation>By officer</translation>
    </message>
    <message>
        <source>Theo thủ tục</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <source>Theo lĩnh vực</source>
        <translation>By field</translation>
    </message>
    <message>
        <source>Còn lại</source>
        <translation>Remaining</translation>
    </message>
    <message>
        <source>Sắp đến hạn, chưa có văn bản xin lỗi</source>
        <translation>Due soon, no apology letter yet</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung lần hai</source>
        <translation>Second supplement request</translation>
    </message>
    <message>
        <source>Văn bản xin &amp;lỗi, gia hạn… (Ctrl+L)</source>
        <translation>Apo&amp;logy and extension… (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Dừng giải quyết… (Ctrl+D)</source>
        <translation>&amp;Stop processing… (Ctrl+D)</translation>
    </message>
    <message>
        <source>đến ngà&amp;y:</source>
        <translation>&amp;to:</translation>
    </message>
    <message>
        <source>Nhập hồ sơ tồn từ sổ theo dõi (XLSX)…</source>
        <translation>Import the backlog from a tracking book (XLSX)…</translation>
    </message>
    <message>
        <source>Chỉ số phục vụ (766)</source>
        <translation>Service index (766)</translation>
    </message>
    <message>
        <source>&amp;Rút hồ sơ… (Ctrl+W)</source>
        <translation>&amp;Withdraw… (Ctrl+W)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Danh sách cần theo dõi&lt;/b&gt; (tính đến hiện tại)</source>
        <translation>&lt;b&gt;To watch&lt;/b&gt; (as of now)</translation>
    </message>
    <message>
        <source>Đang cập nhật…</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <source>Trung tâm giữ lại {n} sự kiện: xem trang «Cần xử lý»</source>
        <translation>The central keeps {n} events aside: see the “Needs attention” page</translation>
    </message>
    <message>
        <source>Không tính được số liệu: {error}</source>
        <translation>Cannot compute the figures: {error}</translation>
    </message>
    <message>
        <source>số hóa đủ {rate}, tái sử dụng {reuse}</source>
        <translation>fully digitised {rate}, reused {reuse}</translation>
    </message>
    <message>
        <source>lần hai: {n}</source>
        <translation>second: {n}</translation>
    </message>
    <message>
        <source>trước hạn {e}, đúng hạn {o}, quá hạn {l}</source>
        <translation>early {e}, on time {o}, late {l}</translation>
    </message>
    <message>
        <source>rút {w}, dừng {s}</source>
        <translation>withdrawn {w}, stopped {s}</translation>
    </message>
    <message>
        <source>ban hành sau hạn: {n}</source>
        <translation>issued after the due date: {n}</translation>
    </message>
    <message>
        <source>đến {moment}</source>
        <translation>until {moment}</translation>
    </message>
    <message>
        <source>tạm dừng tính thời gian: {n}</source>
        <translation>clock paused: {n}</translation>
    </message>
    <message>
        <source>Quá hạn ({n})</source>
        <translation>Overdue ({n})</translation>
    </message>
    <message>
        <source>Quá hạn ({shown}/{n} trễ nhất)</source>
        <translation>Overdue ({shown}/{n} latest)</translation>
    </message>
    <message>
        <source>Sắp đến hạn, chưa có văn bản xin lỗi ({n})</source>
        <translation>Due soon, no apology letter yet ({n})</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung lần hai ({n})</source>
        <translation>Second supplement request ({n})</translation>
    </message>
    <message>
        <source>Cập nhật lúc {time}</source>
        <translation>Updated at {time}</translation>
    </message>
    <message>
        <source>Hãy chọn một hồ sơ trong danh sách quá hạn hoặc sắp đến hạn.</source>
        <translation>Select a dossier in the overdue or due-soon list.</translation>
    </message>
    <message>
        <source>Đã lập văn bản xin lỗi, hẹn trả mới {moment}.</source>
        <translation>Apology letter issued, new due date {moment}.</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi và đề nghị gia hạn</source>
        <translation>Apology and extension letter</translation>
    </message>
    <message>
        <source>Đã ghi nhận rút hồ sơ {code}.</source>
        <translation>Withdrawal of dossier {code} recorded.</translation>
    </message>
    <message>
        <source>Đã dừng giải quyết hồ sơ {code}.</source>
        <translation>Processing of dossier {code} stopped.</translation>
    </message>
    <message>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice of stopped processing</translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>Chọn sổ theo dõi hồ sơ cần nhập</source>
        <translation>Choose the tracking book to import</translation>
    </message>
    <message>
        <source>Đang xuất báo cáo…</source>
        <translation>Exporting the report…</translation>
    </message>
    <message>
        <source>Đã lưu: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Không xuất được báo cáo: {error}</source>
        <translation>Cannot export the report: {error}</translation>
    </message>
    <message>
        <source>Chi tiết đã được ghi vào nhật ký: {path}.</source>
        <translation>The details were written to the log: {path}.</translation>
    </message>
    <message>
        <source>Chi tiết đã được ghi vào nhật ký.</source>
        <translation>The details were written to the log.</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn: {error}. Công việc đang làm có thể chưa được lưu; hãy kiểm tra lại rồi làm tiếp.</source>
        <translation>An unexpected error occurred: {error}. The work in progress may not have been saved; check it, then carry on.</translation>
    </message>
    <message>
        <source>Nếu lỗi lặp lại, hãy vào Cài đặt → «Xuất nhật ký…» và gửi tệp cho bộ phận kỹ thuật.</source>
        <translation>If the error happens again, go to Settings → “Export logs…” and send the file to technical support.</translation>
    </message>
    <message>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>TT</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Giao → Nhận</source>
        <translation>From → To</translation>
    </message>
    <message>
        <source>Người giao → người nhận</source>
        <translation>Handed over by → taken by</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Ngày làm việc</source>
        <translation>Working days</translation>
    </message>
    <message>
        <source>bị thiếu hoặc để trống</source>
        <translation>is missing or empty</translation>
    </message>
    <message>
        <source>phải là chuỗi ký tự</source>
        <translation>must be text</translation>
    </message>
    <message>
        <source>chứa ký tự điều khiển (NUL …) không hợp lệ</source>
        <translation>contains control characters (NUL …), which are not allowed</translation>
    </message>
    <message>
        <source>dài {count} ký tự, tối đa {max_length} ký tự</source>
        <translation>is {count} characters long; the maximum is {max_length}</translation>
    </message>
    <message>
        <source>bị thiếu</source>
        <translation>is missing</translation>
    </message>
    <message>
        <source>phải là một danh sách</source>
        <translation>must be a list</translation>
    </message>
    <message>
        <source>không được để trống</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>có kiểu dữ liệu không hợp lệ</source>
        <translation>has an invalid data type</translation>
    </message>
    <message>
        <source>phải là một đối tượng JSON</source>
        <translation>must be a JSON object</translation>
    </message>
    <message>
        <source>phải là số nguyên không âm</source>
        <translation>must be a non-negative whole number</translation>
    </message>
    <message>
        <source>phải từ 0 đến 100</source>
        <translation>must be from 0 to 100</translation>
    </message>
    <message>
        <source>phải là một số</source>
        <translation>must be a number</translation>
    </message>
    <message>
        <source>phải là số không âm</source>
        <translation>must be a non-negative number</translation>
    </message>
    <message>
        <source>phải là true hoặc false</source>
        <translation>must be true or false</translation>
    </message>
    <message>
        <source>phải là ngày dạng YYYY-MM-DD</source>
        <translation>must be a date in the form YYYY-MM-DD</translation>
    </message>
    <message>
        <source>không có tên cấp thực hiện (TENCAPTHUCHIEN)</source>
        <translation>has no level name (TENCAPTHUCHIEN)</translation>
    </message>
    <message>
        <source>phải là số tiền (đồng)</source>
        <translation>must be an amount of money (đồng)</translation>
    </message>
    <message>
        <source>«{value}» không phải số đồng nguyên</source>
        <translation>“{value}” is not a whole number of đồng</translation>
    </message>
    <message>
        <source>«{value}» không đọc được thành số tiền đồng (ví dụ «8.000», «8.000 đồng», «Không», «Miễn»)</source>
        <translation>“{value}” cannot be read as an amount in đồng (e.g. “8.000”, “8.000 đồng”, “Không”, “Miễn”)</translation>
    </message>
    <message>
        <source>«{value}» không phải số tiền hợp lệ</source>
        <translation>“{value}” is not a valid amount</translation>
    </message>
    <message>
        <source>«{basis_text}» không phải cách tính phí («Cố định», «Theo bản», «Theo trang»)</source>
        <translation>“{basis_text}” is not a way of charging a fee (“Cố định” fixed, “Theo bản” per copy, “Theo trang” per page)</translation>
    </message>
    <message>
        <source>chỉ dùng cho phí tính theo trang, từ trang 2 trở đi</source>
        <translation>applies only to fees charged per page, from page 2 on</translation>
    </message>
    <message>
        <source>phải là danh sách mã phí, lệ phí (MAPHILEPHI) của trường hợp này</source>
        <translation>must be a list of this case&apos;s fee codes (MAPHILEPHI)</translation>
    </message>
    <message>
        <source>«{unit_text}» không phải Ngày làm việc, Giờ làm việc, Ngày hoặc Trong ngày</source>
        <translation>“{unit_text}” is not Ngày làm việc (working days), Giờ làm việc (working hours), Ngày (days) or Trong ngày (same day)</translation>
    </message>
    <message>
        <source>Bản ghi thứ {position}</source>
        <translation>Record {position}</translation>
    </message>
    <message>
        <source>Bản ghi thứ {position} (MATTHC {code})</source>
        <translation>Record {position} (MATTHC {code})</translation>
    </message>
    <message>
        <source>«{text}» không phải Cấp Tỉnh, Cấp Xã hoặc Cấp Huyện</source>
        <translation>“{text}” is not Cấp Tỉnh (province), Cấp Xã (commune) or Cấp Huyện (district)</translation>
    </message>
    <message>
        <source>mã trường hợp «{case_code}» bị trùng</source>
        <translation>case code “{case_code}” is repeated</translation>
    </message>
    <message>
        <source>trường hợp «{ref}» không có trong TRUONGHOP</source>
        <translation>case “{ref}” is not in TRUONGHOP</translation>
    </message>
    <message>
        <source>là {amount} {unit}, vượt mức tối đa {limit} {unit} (có thể nhập nhầm)</source>
        <translation>is {amount} {unit}, over the maximum of {limit} {unit} (probably a typing mistake)</translation>
    </message>
    <message>
        <source>không có thời hạn giải quyết cho trường hợp «{case_name}»</source>
        <translation>has no processing time for the case “{case_name}”</translation>
    </message>
    <message>
        <source>không có giấy tờ nào cho trường hợp «{case_name}»</source>
        <translation>has no documents for the case “{case_name}”</translation>
    </message>
    <message>
        <source>phải là tên trường (chuỗi ký tự)</source>
        <translation>must be a field name (text)</translation>
    </message>
    <message>
        <source>{label}: trường {path} {problem}.</source>
        <translation>{label}: the field {path} {problem}.</translation>
    </message>
    <message>
        <source>Tệp danh mục phải chứa danh sách thủ tục hành chính («procedures», «result» hoặc một danh sách JSON).</source>
        <translation>A catalog file must hold a list of administrative procedures (“procedures”, “result” or a JSON list).</translation>
    </message>
    <message>
        <source>Tệp danh mục không có thủ tục nào.</source>
        <translation>The catalog file has no procedures.</translation>
    </message>
    <message>
        <source>Bản ghi thứ {i} (MATTHC {code}): mã thủ tục trùng với bản ghi thứ {seen}.</source>
        <translation>Record {i} (MATTHC {code}): the procedure code repeats record {seen}.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp danh mục «{path}».</source>
        <translation>Catalog file “{path}” not found.</translation>
    </message>
    <message>
        <source>Tệp «{name}» không phải văn bản UTF-8.</source>
        <translation>“{name}” is not UTF-8 text.</translation>
    </message>
    <message>
        <source>Không đọc được tệp danh mục «{path}»: {value}.</source>
        <translation>Cannot read the catalog file “{path}”: {value}.</translation>
    </message>
    <message>
        <source>Tệp «{name}» lồng nhau quá sâu ({depth} cấp; tối đa {MAX_JSON_DEPTH}): đây không phải tệp danh mục thủ tục hợp lệ.</source>
        <translation>“{name}” is nested too deeply ({depth} levels; at most {MAX_JSON_DEPTH}): it is not a valid procedure catalog.</translation>
    </message>
    <message>
        <source>Tệp «{name}» không phải JSON hợp lệ (dòng {lineno}, cột {colno}).</source>
        <translation>“{name}” is not valid JSON (line {lineno}, column {colno}).</translation>
    </message>
    <message>
        <source>Không tìm thấy thủ tục «{value}».</source>
        <translation>Procedure “{value}” not found.</translation>
    </message>
    <message>
        <source>Thứ</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Lý do, văn bản quyết định</source>
        <translation>Reason, deciding document</translation>
    </message>
    <message>
        <source>Ghi ngày nghỉ</source>
        <translation>Set as a day off</translation>
    </message>
    <message>
        <source>Ghi ngày làm bù</source>
        <translation>Set as a make-up working day</translation>
    </message>
    <message>
        <source>Xóa điều chỉnh của đơn vị</source>
        <translation>Remove the unit&apos;s override</translation>
    </message>
    <message>
        <source>Giờ làm việc thứ Bảy, Chủ nhật được tính vào thời hạn giải quyết</source>
        <translation>Saturday and Sunday office hours count towards processing deadlines</translation>
    </message>
    <message>
        <source>Lưu giờ làm việc</source>
        <translation>Save office hours</translation>
    </message>
    <message>
        <source>Ngày nghỉ và ngày làm bù</source>
        <translation>Days off and make-up working days</translation>
    </message>
    <message>
        <source>Năm:</source>
        <translation>Year:</translation>
    </message>
    <message>
        <source>Giờ làm việc</source>
        <translation>Office hours</translation>
    </message>
    <message>
        <source>nghỉ</source>
        <translation>closed</translation>
    </message>
    <message>
        <source>Giờ chốt thủ tục trong ngày:</source>
        <translation>Same-day procedures cut-off:</translation>
    </message>
    <message>
        <source>Ngày, giờ do hệ thống trung tâm quy định được áp dụng khi đồng bộ và không sửa tại đây. Thủ tục giải quyết trong ngày: nhận sau giờ chốt thì hẹn trả trong ngày làm việc tiếp theo.</source>
        <translation>Days and hours set by the central system apply when syncing and cannot be edited here. Same-day procedures: received after the cut-off, they are due the next working day.</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo hoặc quản trị viên được sửa lịch làm việc.</source>
        <translation>Only supervisors or administrators may edit the working calendar.</translation>
    </message>
    <message>
        <source>Ngày làm bù</source>
        <translation>Make-up working day</translation>
    </message>
    <message>
        <source>Ngày nghỉ</source>
        <translation>Day off</translation>
    </message>
    <message>
        <source>Đã ghi ngày {d} là ngày làm bù.</source>
        <translation>{d} set as a make-up working day.</translation>
    </message>
    <message>
        <source>Đã ghi ngày {d} là ngày nghỉ.</source>
        <translation>{d} set as a day off.</translation>
    </message>
    <message>
        <source>Đã xóa điều chỉnh ngày {d}.</source>
        <translation>Override of {d} removed.</translation>
    </message>
    <message>
        <source>Đã lưu giờ làm việc.</source>
        <translation>Office hours saved.</translation>
    </message>
    <message>
        <source>Chưa chọn hồ sơ.</source>
        <translation>No dossier selected.</translation>
    </message>
    <message>
        <source>In &amp;phiếu kiểm soát (mẫu 06)</source>
        <translation>Print control &amp;slip (form 06)</translation>
    </message>
    <message>
        <source>In lại &amp;biên nhận trả kết quả</source>
        <translation>Reprint the &amp;return receipt</translation>
    </message>
    <message>
        <source>In lại giấy tờ t&amp;iếp nhận (mẫu 01, 02)…</source>
        <translation>Print the &amp;intake papers again (forms 01, 02)…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tệp số hóa&lt;/b&gt; (Enter mở tệp)</source>
        <translation>&lt;b&gt;Digitised files&lt;/b&gt; (Enter opens one)</translation>
    </message>
    <message>
        <source>Đính kèm tệp kết quả…</source>
        <translation>Attach the result file…</translation>
    </message>
    <message>
        <source>Thu phí, lệ phí… (F7)</source>
        <translation>Collect fees… (F7)</translation>
    </message>
    <message>
        <source>Hủy biên lai thu phí (&amp;X)…</source>
        <translation>Void a fee receipt (&amp;X)…</translation>
    </message>
    <message>
        <source>Yêu cầu bổ s&amp;ung (Mẫu 02)…</source>
        <translation>Req&amp;uest documents (form 02)…</translation>
    </message>
    <message>
        <source>Cơ quan giải quyết yêu cầu bổ sung hồ sơ trong quá trình giải quyết</source>
        <translation>The processing agency asks for further documents during processing</translation>
    </message>
    <message>
        <source>Đính chính kết &amp;quả…</source>
        <translation>Correct the result (&amp;q)…</translation>
    </message>
    <message>
        <source>Lãnh đạo đính chính kết quả, người nhận, hoặc thu hồi việc trả nhầm</source>
        <translation>A supervisor corrects the result, who took it, or recalls a return recorded by mistake</translation>
    </message>
    <message>
        <source>Mã hồ sơ:</source>
        <translation>Dossier code:</translation>
    </message>
    <message>
        <source>Thủ tục:</source>
        <translation>Procedure:</translation>
    </message>
    <message>
        <source>Chủ hồ sơ:</source>
        <translation>Owner:</translation>
    </message>
    <message>
        <source>Tiếp nhận:</source>
        <translation>Received:</translation>
    </message>
    <message>
        <source>Hẹn trả:</source>
        <translation>Due:</translation>
    </message>
    <message>
        <source>Trạng thái:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>&lt;b&gt;Quá trình giải quyết (phiếu kiểm soát)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Processing history (control slip)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kết quả giải quyết&lt;/b&gt;</source>
        <translation>&lt;b&gt;Result&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{moment} · cán bộ {officer} · quầy số {desk}</source>
        <translation>{moment} · officer {officer} · desk {desk}</translation>
    </message>
    <message>
        <source>tạm dừng tính thời gian</source>
        <translation>clock paused</translation>
    </message>
    <message>
        <source>Đã nhận hồ sơ bổ sun&amp;g…</source>
        <translation>Supplement received (&amp;g)…</translation>
    </message>
    <message>
        <source>Phí, lệ phí:</source>
        <translation>Fees:</translation>
    </message>
    <message>
        <source>(hẹn ban đầu {moment})</source>
        <translation>(originally due {moment})</translation>
    </message>
    <message>
        <source>Chưa có kết quả.</source>
        <translation>No result yet.</translation>
    </message>
    <message>
        <source>chủ hồ sơ</source>
        <translation>owner</translation>
    </message>
    <message>
        <source>người được ủy quyền</source>
        <translation>authorised person</translation>
    </message>
    <message>
        <source>Đã trả lúc {moment} cho &lt;b&gt;{name}&lt;/b&gt; ({who}, CCCD {id}{phone}); cán bộ trả: {officer}.</source>
        <translation>Returned at {moment} to &lt;b&gt;{name}&lt;/b&gt; ({who}, ID {id}{phone}); returned by: {officer}.</translation>
    </message>
    <message>
        <source>kết quả</source>
        <translation>result</translation>
    </message>
    <message>
        <source> — dùng lại từ hồ sơ {code}</source>
        <translation> — reused from dossier {code}</translation>
    </message>
    <message>
        <source>Chưa có tệp số hóa.</source>
        <translation>No digitised files yet.</translation>
    </message>
    <message>
        <source>Không mở được tệp {path}: máy chưa có chương trình đọc PDF.</source>
        <translation>Cannot open {path}: this PC has no PDF reader.</translation>
    </message>
    <message>
        <source>Chọn tệp kết quả</source>
        <translation>Choose the result file</translation>
    </message>
    <message>
        <source>Đang lưu tệp kết quả…</source>
        <translation>Saving the result file…</translation>
    </message>
    <message>
        <source>Đã đính kèm tệp kết quả.</source>
        <translation>Result file attached.</translation>
    </message>
    <message>
        <source>Đã ghi nhận yêu cầu bổ sung {code}; thời gian giải quyết tạm dừng.</source>
        <translation>Supplement request {code} recorded; the processing clock is paused.</translation>
    </message>
    <message>
        <source>Đã ghi nhận hồ sơ đã bổ sung: hồ sơ tiếp tục được giải quyết, hẹn trả mới {moment}.</source>
        <translation>Supplement received: processing resumes, new due date {moment}.</translation>
    </message>
    <message>
        <source>giấy tờ kết quả</source>
        <translation>result document</translation>
    </message>
    <message>
        <source>người nhận kết quả</source>
        <translation>who took the result</translation>
    </message>
    <message>
        <source>thu hồi việc trả kết quả</source>
        <translation>return recalled</translation>
    </message>
    <message>
        <source>Đã đính chính hồ sơ {code}: {what}; đã ghi nhật ký.</source>
        <translation>Dossier {code} corrected: {what}; written to the audit log.</translation>
    </message>
    <message>
        <source>Không thu</source>
        <translation>None</translation>
    </message>
    <message>
        <source>đã nộp {amount} (biên lai {numbers})</source>
        <translation>paid {amount} (receipt {numbers})</translation>
    </message>
    <message>
        <source>còn phải nộp {amount}</source>
        <translation>still owed {amount}</translation>
    </message>
    <message>
        <source>chờ nộp: thời hạn tạm dừng</source>
        <translation>awaiting payment: clock paused</translation>
    </message>
    <message>
        <source>Biên lai thu phí, lệ phí</source>
        <translation>Fee receipt</translation>
    </message>
    <message>
        <source>Đã hủy biên lai {number}.</source>
        <translation>Receipt {number} voided.</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation>Processing control slip</translation>
    </message>
    <message>
        <source>Giấy biên nhận trả kết quả</source>
        <translation>Return receipt</translation>
    </message>
    <message>
        <source>Không in được: {error}</source>
        <translation>Cannot print: {error}</translation>
    </message>
    <message>
        <source>Đã lưu bản in: {path}</source>
        <translation>Print saved: {path}</translation>
    </message>
    <message>
        <source>In lại giấy tờ tiếp nhận của hồ sơ {code}</source>
        <translation>Print the intake papers of dossier {code} again</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bộ phận tiếp nhận và trả kết quả&lt;/b&gt;</source>
        <translation>&lt;b&gt;Reception and result-return desk&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Một Cửa Counter — đăng nhập cán bộ</source>
        <translation>Một Cửa Counter — officer sign-in</translation>
    </message>
    <message>
        <source>Tên đăng nhập:</source>
        <translation>Username:</translation>
    </message>
    <message>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Đang mở cơ sở dữ liệu…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Đổi cán bộ: cán bộ nhận ca đăng nhập. (Cán bộ {name} đăng nhập lại để quay về công việc đang làm.)</source>
        <translation>Switch officer: the officer taking over signs in. ({name} signs in again to return to the work left open.)</translation>
    </message>
    <message>
        <source>Màn hình đã khóa. Cán bộ {name} nhập tên đăng nhập và mật khẩu để mở lại; cán bộ khác đăng nhập để đổi ca.</source>
        <translation>The screen is locked. {name} signs in again to unlock it; another officer signing in takes over the desk.</translation>
    </message>
    <message>
        <source>Đang mở cơ sở dữ liệu… sẽ đăng nhập ngay khi sẵn sàng.</source>
        <translation>Opening the database… signing in as soon as it is ready.</translation>
    </message>
    <message>
        <source>Không đăng nhập được do lỗi cơ sở dữ liệu: {error}</source>
        <translation>Cannot sign in because of a database error: {error}</translation>
    </message>
    <message>
        <source>Một Cửa Counter — {unit}, quầy số {desk}</source>
        <translation>Một Cửa Counter — {unit}, desk {desk}</translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>Danh mục thủ tục</source>
        <translation>Procedures</translation>
    </message>
    <message>
        <source>Tra cứu hồ sơ</source>
        <translation>Find dossiers</translation>
    </message>
    <message>
        <source>Mã {code} là phiếu yêu cầu bổ sung: mời công dân sang quầy tiếp nhận.</source>
        <translation>Code {code} is a supplement notice: send the citizen to the reception desk.</translation>
    </message>
    <message>
        <source>Bảng theo dõi</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Quản lý cán bộ</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>Lịch làm việc</source>
        <translation>Working calendar</translation>
    </message>
    <message>
        <source>Cán bộ: {name} · Quầy số {desk}</source>
        <translation>Officer: {name} · Desk {desk}</translation>
    </message>
    <message>
        <source>{head} · {unit} ({code})</source>
        <translation>{head} · {unit} ({code})</translation>
    </message>
    <message>
        <source>Cán bộ: {name}
Đơn vị: {unit} ({code})
Quầy số {desk}</source>
        <translation>Officer: {name}
Unit: {unit} ({code})
Desk {desk}</translation>
    </message>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Cần xử lý</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>Khóa màn hình</source>
        <translation>Lock the screen</translation>
    </message>
    <message>
        <source>Đổi cán bộ</source>
        <translation>Switch officer</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Khóa máy, đăng xuất…</source>
        <translation>Lock, sign out…</translation>
    </message>
    <message>
        <source>Lãnh đạo</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Số sự kiện</source>
        <translation>Event no.</translation>
    </message>
    <message>
        <source>Hồ sơ / lượt tiếp nhận</source>
        <translation>Dossier / intake</translation>
    </message>
    <message>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Lý do trung tâm từ chối</source>
        <translation>Why the central refused it</translation>
    </message>
    <message>
        <source>Dòng {row}</source>
        <translation>Row {row}</translation>
    </message>
    <message>
        <source>Đã nhập {imported} hồ sơ từ «{name}» ({reserved} mã thuộc dải của quầy này được giữ lại, không cấp lại).</source>
        <translation>Imported {imported} dossiers from “{name}” ({reserved} codes in this desk&apos;s range are reserved and will not be issued again).</translation>
    </message>
    <message>
        <source>Không nhập hồ sơ nào: {count} trong {rows} dòng của «{name}» không hợp lệ. Hãy sửa các dòng dưới đây rồi nhập lại cả tệp.</source>
        <translation>Nothing imported: {count} of the {rows} rows of “{name}” are invalid. Correct the rows below, then import the whole file again.</translation>
    </message>
    <message>
        <source>thiếu {label}</source>
        <translation>{label} missing</translation>
    </message>
    <message>
        <source>{label} «{text}» không phải ngày giờ (dd/mm/yyyy hh:mm)</source>
        <translation>{label} “{text}” is not a date and time (dd/mm/yyyy hh:mm)</translation>
    </message>
    <message>
        <source>trạng thái «{text}» không đọc được (cần dạng «10 — Đã trả kết quả»)</source>
        <translation>status “{text}” cannot be read (expected the form “10 — Đã trả kết quả”)</translation>
    </message>
    <message>
        <source>trạng thái «{status}» không phải của hồ sơ đã tiếp nhận</source>
        <translation>status “{status}” is not one of a received dossier</translation>
    </message>
    <message>
        <source>thiếu mã hồ sơ</source>
        <translation>dossier code missing</translation>
    </message>
    <message>
        <source>mã hồ sơ «{raw_code}» không hợp lệ</source>
        <translation>dossier code “{raw_code}” is invalid</translation>
    </message>
    <message>
        <source>đây là mã phiếu bổ sung, không phải mã hồ sơ</source>
        <translation>this is a supplement notice code, not a dossier code</translation>
    </message>
    <message>
        <source>thủ tục mã {procedure_code} không có trong danh mục của quầy</source>
        <translation>procedure code {procedure_code} is not in the desk&apos;s catalog</translation>
    </message>
    <message>
        <source>không xác định được thủ tục «{procedure_name}»</source>
        <translation>cannot tell which procedure “{procedure_name}” is</translation>
    </message>
    <message>
        <source> (trùng tên nhiều thủ tục: hãy ghi mã thủ tục)</source>
        <translation> (several procedures have that name: write the procedure code)</translation>
    </message>
    <message>
        <source> trong danh mục</source>
        <translation> in the catalog</translation>
    </message>
    <message>
        <source>thiếu thủ tục (mã thủ tục hoặc nội dung yêu cầu giải quyết)</source>
        <translation>procedure missing (procedure code or the request&apos;s content)</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>thiếu tên chủ hồ sơ</source>
        <translation>owner&apos;s name missing</translation>
    </message>
    <message>
        <source>thiếu số giấy tờ của chủ hồ sơ</source>
        <translation>owner&apos;s ID number missing</translation>
    </message>
    <message>
        <source>số bộ «{sets_text}» phải từ 1 đến {MAX_SETS}</source>
        <translation>number of sets “{sets_text}” must be from 1 to {MAX_SETS}</translation>
    </message>
    <message>
        <source>ngày nhận hồ sơ</source>
        <translation>date received</translation>
    </message>
    <message>
        <source>ngày hẹn trả kết quả</source>
        <translation>appointment date</translation>
    </message>
    <message>
        <source>ngày nhận kết quả từ cơ quan giải quyết</source>
        <translation>date the result came back from the processing agency</translation>
    </message>
    <message>
        <source>ngày trả kết quả</source>
        <translation>date the result was returned</translation>
    </message>
    <message>
        <source>trạng thái</source>
        <translation>status</translation>
    </message>
    <message>
        <source>ngày nhận hồ sơ {received:%d/%m/%Y %H:%M} ở tương lai</source>
        <translation>date received {received:%d/%m/%Y %H:%M} is in the future</translation>
    </message>
    <message>
        <source>ngày nhận kết quả</source>
        <translation>date the result came back</translation>
    </message>
    <message>
        <source>{label} trước ngày nhận hồ sơ</source>
        <translation>{label} is before the date received</translation>
    </message>
    <message>
        <source>ngày trả kết quả {returned:%d/%m/%Y %H:%M} ở tương lai</source>
        <translation>date the result was returned {returned:%d/%m/%Y %H:%M} is in the future</translation>
    </message>
    <message>
        <source>hồ sơ đã trả kết quả nhưng thiếu ngày trả kết quả</source>
        <translation>the result was returned but the return date is missing</translation>
    </message>
    <message>
        <source>có ngày trả kết quả nhưng trạng thái là «{status}»</source>
        <translation>there is a return date but the status is “{status}”</translation>
    </message>
    <message>
        <source>hồ sơ đã có kết quả nhưng thiếu «Kết quả giải quyết»</source>
        <translation>the dossier has a result but “Kết quả giải quyết” (result) is missing</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp «{path}».</source>
        <translation>File “{path}” not found.</translation>
    </message>
    <message>
        <source>Tệp «{name}» không phải bảng tính XLSX đọc được ({exc}).</source>
        <translation>“{name}” is not a readable XLSX spreadsheet ({exc}).</translation>
    </message>
    <message>
        <source>Tệp «{name}» thiếu cột: {items}. Hãy dùng mẫu sổ theo dõi hồ sơ xuất từ phần mềm (counter-app report book --format xlsx).</source>
        <translation>“{name}” lacks the columns: {items}. Use the tracking book template exported by the software (counter-app report book --format xlsx).</translation>
    </message>
    <message>
        <source>Tệp có hơn {MAX_ROWS} hồ sơ: hãy chia thành nhiều tệp.</source>
        <translation>The file has more than {MAX_ROWS} dossiers: split it into several files.</translation>
    </message>
    <message>
        <source>Tệp «{name}» không có dòng tiêu đề «Mã hồ sơ» của sổ theo dõi hồ sơ (Mẫu số 07).</source>
        <translation>“{name}” has no “Mã hồ sơ” heading row of the dossier tracking book (Form 07).</translation>
    </message>
    <message>
        <source>Hãy chỉ định lãnh đạo nhập hồ sơ bằng --officer TÊN_ĐĂNG_NHẬP.</source>
        <translation>Name the supervisor importing the dossiers with --officer USERNAME.</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo (quyền giám sát) mới được nhập hồ sơ tồn từ sổ theo dõi.</source>
        <translation>Only a supervisor may import pending dossiers from a tracking book.</translation>
    </message>
    <message>
        <source>mã hồ sơ trùng với dòng {first_line}</source>
        <translation>dossier code repeats row {first_line}</translation>
    </message>
    <message>
        <source>mã hồ sơ đã có trên máy này</source>
        <translation>dossier code already exists on this computer</translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Các sự kiện dưới đây đã được máy chủ trung tâm nhận nhưng &lt;b&gt;giữ lại&lt;/b&gt; vì dữ liệu không hợp lệ; các hồ sơ khác vẫn được đồng bộ bình thường. Chọn một dòng, sửa thông tin rồi bấm «Gửi bản sửa» để trung tâm nhận lại.</source>
        <translation>The central received the events below but &lt;b&gt;kept them aside&lt;/b&gt; because their data is not valid; other dossiers keep syncing normally. Choose a row, correct the details, then press “Send the correction” for the central to take it again.</translation>
    </message>
    <message>
        <source>Không có sự kiện nào cần xử lý.</source>
        <translation>No events need attention.</translation>
    </message>
    <message>
        <source>&amp;Gửi bản sửa (Ctrl+Enter)</source>
        <translation>&amp;Send the correction (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Sửa thông tin chủ hồ sơ</source>
        <translation>Correct the applicant&apos;s details</translation>
    </message>
    <message>
        <source>Đã lưu bản sửa của {key}; bản sửa sẽ được gửi ở lượt đồng bộ tới.</source>
        <translation>The correction of {key} is saved; it is sent with the next sync.</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Roles</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Chỉ quản trị viên mới mở được trang quản lý cán bộ.</source>
        <translation>Only administrators can open the officers page.</translation>
    </message>
    <message>
        <source>&amp;Lưu vai trò (Ctrl+S)</source>
        <translation>&amp;Save roles (Ctrl+S)</translation>
    </message>
    <message>
        <source>Mật khẩu mới, ít nhất 8 ký tự</source>
        <translation>New password, at least 8 characters</translation>
    </message>
    <message>
        <source>Đặt lại &amp;mật khẩu</source>
        <translation>Reset &amp;password</translation>
    </message>
    <message>
        <source>&amp;Ngừng hoạt động</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>Mở &amp;khóa</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Cán bộ đang chọn</source>
        <translation>Selected officer</translation>
    </message>
    <message>
        <source>Cán bộ:</source>
        <translation>Officer:</translation>
    </message>
    <message>
        <source>Vai trò:</source>
        <translation>Roles:</translation>
    </message>
    <message>
        <source>Mật khẩu mới:</source>
        <translation>New password:</translation>
    </message>
    <message>
        <source>ví dụ: nguyen.van.an</source>
        <translation>e.g. nguyen.van.an</translation>
    </message>
    <message>
        <source>&amp;Tạo tài khoản</source>
        <translation>&amp;Create account</translation>
    </message>
    <message>
        <source>Thêm cán bộ (Ctrl+N)</source>
        <translation>Add an officer (Ctrl+N)</translation>
    </message>
    <message>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <source>Điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>&amp;Kích hoạt lại</source>
        <translation>&amp;Reactivate</translation>
    </message>
    <message>
        <source>Đã lưu vai trò của {name}.</source>
        <translation>Roles of {name} saved.</translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu của {name}.</source>
        <translation>Password of {name} reset.</translation>
    </message>
    <message>
        <source>Đã kích hoạt lại tài khoản của {name}.</source>
        <translation>Account of {name} reactivated.</translation>
    </message>
    <message>
        <source>Đã ngừng hoạt động tài khoản của {name}.</source>
        <translation>Account of {name} deactivated.</translation>
    </message>
    <message>
        <source>Đã mở khóa tài khoản của {name}.</source>
        <translation>Account of {name} unlocked.</translation>
    </message>
    <message>
        <source>Đã tạo tài khoản {username} cho {name}.</source>
        <translation>Account {username} created for {name}.</translation>
    </message>
    <message>
        <source>Đã in {n} trang ra máy in {printer}.</source>
        <translation>Printed {n} pages on {printer}.</translation>
    </message>
    <message>
        <source>Máy này chưa có máy in mặc định: mở bản xem trước.</source>
        <translation>This PC has no default printer: opening the preview.</translation>
    </message>
    <message>
        <source>&amp;In (Ctrl+P)</source>
        <translation>&amp;Print (Ctrl+P)</translation>
    </message>
    <message>
        <source>Đón&amp;g</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận hồ sơ</source>
        <translation>Refuse the dossier</translation>
    </message>
    <message>
        <source>Ví dụ: Thủ tục không thuộc thẩm quyền giải quyết của cơ quan</source>
        <translation>e.g. The procedure is not within this agency&apos;s competence</translation>
    </message>
    <message>
        <source>Từ chối và in phiếu (Ctrl+Enter)</source>
        <translation>Refuse and print the notice (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Lý do không tiếp nhận (in trên Phiếu từ chối, Mẫu 03):</source>
        <translation>Reason for refusing (printed on the refusal notice, Form 03):</translation>
    </message>
    <message>
        <source>Phê duyệt yêu cầu bổ sung lần hai</source>
        <translation>Approve a second supplement request</translation>
    </message>
    <message>
        <source>Tài khoản lãnh đạo:</source>
        <translation>Supervisor account:</translation>
    </message>
    <message>
        <source>Lý do yêu cầu thêm:</source>
        <translation>Reason for the extra request:</translation>
    </message>
    <message>
        <source>Phê duyệt</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>In lại giấy tờ</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>từ chối</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>phiếu kiểm soát để trống</source>
        <translation>blank control slip</translation>
    </message>
    <message>
        <source>Chưa có giấy tờ nào để in lại.</source>
        <translation>Nothing to print again yet.</translation>
    </message>
    <message>
        <source>In lại (Enter)</source>
        <translation>Print again (Enter)</translation>
    </message>
    <message>
        <source>1 — Tiền mặt</source>
        <translation>1 — Cash</translation>
    </message>
    <message>
        <source>2 — Chuyển khoản</source>
        <translation>2 — Bank transfer</translation>
    </message>
    <message>
        <source>3 — Thanh toán trực tuyến</source>
        <translation>3 — Online payment</translation>
    </message>
    <message>
        <source>Miễn giảm (phí, &amp;lệ phí):</source>
        <translation>E&amp;xemption:</translation>
    </message>
    <message>
        <source> trang/bản</source>
        <translation> pages/copy</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Thu phí, lệ phí — hồ sơ {code}</source>
        <translation>Collect fees — dossier {code}</translation>
    </message>
    <message>
        <source>số đồng, ví dụ 15500</source>
        <translation>đồng, e.g. 15500</translation>
    </message>
    <message>
        <source>mã giao dịch của ngân hàng / nền tảng thanh toán</source>
        <translation>the bank&apos;s / payment platform&apos;s transaction reference</translation>
    </message>
    <message>
        <source>(không ghi số tiền tại quầy)</source>
        <translation>(no amount recorded at the desk)</translation>
    </message>
    <message>
        <source>Còn phải nộp:</source>
        <translation>Still owed:</translation>
    </message>
    <message>
        <source>&amp;Hình thức:</source>
        <translation>&amp;Method:</translation>
    </message>
    <message>
        <source>Số &amp;tiền (đồng):</source>
        <translation>&amp;Amount (đồng):</translation>
    </message>
    <message>
        <source>&amp;Mã giao dịch:</source>
        <translation>&amp;Transaction reference:</translation>
    </message>
    <message>
        <source>&amp;Người nộp:</source>
        <translation>&amp;Payer:</translation>
    </message>
    <message>
        <source>Thu và in biên lai (Enter)</source>
        <translation>Collect and print the receipt (Enter)</translation>
    </message>
    <message>
        <source>Nộp &amp;sau — tạm dừng thời hạn</source>
        <translation>Pay &amp;later — pause the clock</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Hủy biên lai, hoàn tiền</source>
        <translation>Void a receipt, refund</translation>
    </message>
    <message>
        <source>&amp;Biên lai:</source>
        <translation>&amp;Receipt:</translation>
    </message>
    <message>
        <source>&amp;Lý do hủy, hoàn tiền:</source>
        <translation>Reason (void or refun&amp;d):</translation>
    </message>
    <message>
        <source>&amp;Tài khoản lãnh đạo:</source>
        <translation>&amp;Supervisor account:</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu:</source>
        <translation>Pass&amp;word:</translation>
    </message>
    <message>
        <source>Hủy biên lai</source>
        <translation>Void the receipt</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Số tiền chỉ gồm chữ số (đồng), ví dụ 15500 hoặc 15.500.</source>
        <translation>The amount is digits only (đồng), e.g. 15500 or 15.500.</translation>
    </message>
    <message>
        <source>Đã thu {amount} của hồ sơ {code} (biên lai {number}).</source>
        <translation>Collected {amount} for dossier {code} (receipt {number}).</translation>
    </message>
    <message>
        <source>Hồ sơ tiếp tục giải quyết, hẹn trả mới {due}.</source>
        <translation>The dossier is processed again, new due moment {due}.</translation>
    </message>
    <message>
        <source>Hồ sơ {code} chờ nộp phí, lệ phí: thời hạn giải quyết tạm dừng đến khi nộp.</source>
        <translation>Dossier {code} awaits its fees: the processing clock is paused until they are paid.</translation>
    </message>
    <message>
        <source>Trường &amp;hợp:</source>
        <translation>&amp;Case:</translation>
    </message>
    <message>
        <source>12 số CCCD / mã số thuế</source>
        <translation>12-digit ID / tax code</translation>
    </message>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <source>số nhà/ấp, xã/phường, tỉnh</source>
        <translation>house/hamlet, commune/ward, province</translation>
    </message>
    <message>
        <source>12 số CCCD</source>
        <translation>12-digit ID</translation>
    </message>
    <message>
        <source>Tại Bộ phận Một cửa</source>
        <translation>At the one-stop desk</translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận (Ctrl+R)</source>
        <translation>Refuse (Ctrl+R)</translation>
    </message>
    <message>
        <source>Lượt mới (Ctrl+N)</source>
        <translation>Next citizen (Ctrl+N)</translation>
    </message>
    <message>
        <source>1. Thủ tục hành chính</source>
        <translation>1. Administrative procedure</translation>
    </message>
    <message>
        <source>2. Chủ hồ sơ</source>
        <translation>2. Dossier owner</translation>
    </message>
    <message>
        <source>Số &amp;giấy tờ:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>Họ và &amp;tên:</source>
        <translation>Full &amp;name:</translation>
    </message>
    <message>
        <source>Ngày &amp;sinh:</source>
        <translation>&amp;Birth date:</translation>
    </message>
    <message>
        <source>Đị&amp;a chỉ:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>E&amp;mail:</source>
        <translation>E&amp;mail:</translation>
    </message>
    <message>
        <source>Mã phiếu yêu cầu bổ sung (F3)</source>
        <translation>Supplement notice code (F3)</translation>
    </message>
    <message>
        <source>Gõ tên hoặc mã thủ tục, không cần dấu, rồi Enter (Ctrl+F)</source>
        <translation>Type a procedure&apos;s name or code, no accents needed, then Enter (Ctrl+F)</translation>
    </message>
    <message>
        <source>0912 345 678 (không bắt buộc)</source>
        <translation>0912 345 678 (optional)</translation>
    </message>
    <message>
        <source>họ tên người nộp thay</source>
        <translation>proxy&apos;s full name</translation>
    </message>
    <message>
        <source>điện thoại</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>quốc tịch ghi trên hộ chiếu</source>
        <translation>nationality as in the passport</translation>
    </message>
    <message>
        <source>&amp;Không có</source>
        <translation>&amp;None</translation>
    </message>
    <message>
        <source>Người nộp không có số điện thoại (Alt+K)</source>
        <translation>The applicant has no phone number (Alt+K)</translation>
    </message>
    <message>
        <source>Người khác nộp thay (ủy &amp;quyền)</source>
        <translation>Submitted by someone else (&amp;proxy)</translation>
    </message>
    <message>
        <source>Đố&amp;i tượng:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>Q&amp;uốc tịch:</source>
        <translation>Nationality (&amp;u):</translation>
    </message>
    <message>
        <source>Giới tính:</source>
        <translation>Sex:</translation>
    </message>
    <message>
        <source>Phím trong bảng: 1 Đã nộp · 2 Thiếu · 3 Không hợp lệ (ghi lý do) · 4 Không áp dụng (giấy tờ có điều kiện) · F2 sửa số bản, lý do · Ctrl+T đính kèm bản scan · 5 dùng lại bản đã số hóa</source>
        <translation>Keys in the table: 1 Provided · 2 Missing · 3 Not valid (give the reason) · 4 Not applicable (conditional documents) · F2 edit copies, reason · Ctrl+T attach a scan · 5 reuse a digitised copy</translation>
    </message>
    <message>
        <source>3. Thành phần hồ sơ</source>
        <translation>3. Required documents</translation>
    </message>
    <message>
        <source>Số &amp;bộ:</source>
        <translation>&amp;Sets:</translation>
    </message>
    <message>
        <source>&amp;Nơi nhận kết quả:</source>
        <translation>&amp;Result collected:</translation>
    </message>
    <message>
        <source>In lại… (Ctrl+P)</source>
        <translation>Print again… (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Phiếu bổ sung:</source>
        <translation>&amp;Notice:</translation>
    </message>
    <message>
        <source>đã số hóa ở hồ sơ {code} ({day}): phím 5 để dùng lại, không cần bản giấy.</source>
        <translation>digitised in dossier {code} ({day}): key 5 reuses it, no paper needed.</translation>
    </message>
    <message>
        <source>Không tìm thấy thủ tục nào khớp «{text}». Thử gõ ít chữ hơn, hoặc mã thủ tục.</source>
        <translation>No procedure matches «{text}». Try fewer words, or the procedure&apos;s code.</translation>
    </message>
    <message>
        <source>Đổi thủ tục?</source>
        <translation>Change the procedure?</translation>
    </message>
    <message>
        <source>Đã đánh dấu {n} giấy tờ của thủ tục đang chọn. {what} sẽ bỏ các đánh dấu đó.</source>
        <translation>{n} papers of the chosen procedure are already marked. {what} drops those marks.</translation>
    </message>
    <message>
        <source>&amp;Vẫn đổi</source>
        <translation>&amp;Change anyway</translation>
    </message>
    <message>
        <source>&amp;Giữ nguyên</source>
        <translation>&amp;Keep</translation>
    </message>
    <message>
        <source>Đổi sang thủ tục khác</source>
        <translation>Changing the procedure</translation>
    </message>
    <message>
        <source>Đổi trường hợp</source>
        <translation>Changing the case</translation>
    </message>
    <message>
        <source>Thời hạn: {time} · Phí, lệ phí: {fee}</source>
        <translation>Processing time: {time} · Fees: {fee}</translation>
    </message>
    <message>
        <source>Người nộp đã có trong hệ thống: thông tin đã được điền sẵn, hãy kiểm tra lại.</source>
        <translation>This applicant is already known: the details are filled in, check them.</translation>
    </message>
    <message>
        <source>Người này có phiếu yêu cầu bổ sung chưa xử lý: {code} — nhấn Ctrl+O để tiếp tục lượt tiếp nhận đó.</source>
        <translation>This person has an open supplement notice: {code} — press Ctrl+O to continue that intake.</translation>
    </message>
    <message>
        <source>Hãy chọn thủ tục trước khi đính kèm bản scan.</source>
        <translation>Choose the procedure before attaching a scan.</translation>
    </message>
    <message>
        <source>Đã đính kèm {n} tệp cho «{name}»; tệp được lưu cùng hồ sơ khi tiếp nhận.</source>
        <translation>{n} file(s) attached to “{name}”; they are stored with the dossier on receipt.</translation>
    </message>
    <message>
        <source>«{name}» chưa được số hóa trong hồ sơ trước của người nộp này: không có bản để dùng lại.</source>
        <translation>“{name}” was not digitised in this applicant&apos;s earlier dossiers: nothing to reuse.</translation>
    </message>
    <message>
        <source>dùng lại</source>
        <translation>reused</translation>
    </message>
    <message>
        <source>{n} tệp</source>
        <translation>{n} file(s)</translation>
    </message>
    <message>
        <source>Đã số hóa từ hồ sơ trước: {names}. Trong bảng, phím 5: «Đã nộp — dùng lại», không cần bản giấy.</source>
        <translation>Digitised in earlier dossiers: {names}. In the table, key 5: “provided — reused”, no paper needed.</translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ căn cước (CCCD): số, họ tên, ngày sinh, giới tính và địa chỉ được điền cùng lúc.</source>
        <translation>Scan the QR code on the citizen&apos;s identity card (CCCD): number, name, birth date, sex and address are filled at once.</translation>
    </message>
    <message>
        <source>{message} Chưa điền thông tin nào.</source>
        <translation>{message} Nothing was filled in.</translation>
    </message>
    <message>
        <source>Đã điền từ mã QR trên CCCD của {name}.</source>
        <translation>Filled in from the QR code on the CCCD of {name}.</translation>
    </message>
    <message>
        <source>Người nộp đã có trong hệ thống: điện thoại, email được điền sẵn, hãy kiểm tra lại.</source>
        <translation>The applicant is already known: phone and email were filled in, please check them.</translation>
    </message>
    <message>
        <source>số hộ chiếu</source>
        <translation>passport number</translation>
    </message>
    <message>
        <source>Hãy chọn thủ tục hành chính trước.</source>
        <translation>Choose the administrative procedure first.</translation>
    </message>
    <message>
        <source>Còn {n} giấy tờ chưa kiểm tra (bắt đầu từ «{name}»).</source>
        <translation>{n} documents not checked yet (starting with “{name}”).</translation>
    </message>
    <message>
        <source>Chọn thủ tục để bắt đầu kiểm tra hồ sơ.</source>
        <translation>Choose a procedure to start checking the dossier.</translation>
    </message>
    <message>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Còn {n} giấy tờ chưa kiểm tra.</source>
        <translation>{n} documents not checked yet.</translation>
    </message>
    <message>
        <source>Đủ thành phần hồ sơ: tiếp nhận và in Giấy tiếp nhận, hẹn trả kết quả.</source>
        <translation>Dossier complete: receive it and print the receipt and appointment slip.</translation>
    </message>
    <message>
        <source>Tiếp nhận và in giấy hẹn (Ctrl+Enter)</source>
        <translation>Receive and print the slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Thiếu hoặc chưa hợp lệ {n} giấy tờ: lập một Phiếu yêu cầu bổ sung ghi đủ tất cả.</source>
        <translation>{n} documents missing or not valid: issue one supplement notice listing them all.</translation>
    </message>
    <message>
        <source>In phiếu yêu cầu bổ sung (Ctrl+Enter)</source>
        <translation>Print the supplement notice (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Đã tiếp nhận hồ sơ {code}. Hẹn trả kết quả lúc {due}.</source>
        <translation>Dossier {code} received. Result due at {due}.</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận hồ sơ và hẹn trả kết quả {code}</source>
        <translation>Receipt and appointment slip {code}</translation>
    </message>
    <message>
        <source>Chưa có hồ sơ vừa tiếp nhận để mời đánh giá.</source>
        <translation>No dossier has just been received to invite a rating for.</translation>
    </message>
    <message>
        <source>Nhưng không lưu được biên lai: {error}.</source>
        <translation>But the receipt could not be saved: {error}.</translation>
    </message>
    <message>
        <source>Biên lai thu phí, lệ phí {number}</source>
        <translation>Fee receipt {number}</translation>
    </message>
    <message>
        <source>Đã lập Phiếu yêu cầu bổ sung số {number} (mã {code}) gồm {n} giấy tờ.</source>
        <translation>Supplement notice no. {number} (code {code}) issued with {n} documents.</translation>
    </message>
    <message>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ {code}</source>
        <translation>Supplement notice {code}</translation>
    </message>
    <message>
        <source>Nhấn Esc để sửa trên màn hình tiếp nhận; lý do đã gõ được giữ lại.</source>
        <translation>Press Esc to correct them on the reception page; the reason typed is kept.</translation>
    </message>
    <message>
        <source>Đã từ chối tiếp nhận và in Phiếu từ chối.</source>
        <translation>Refused; the refusal notice was printed.</translation>
    </message>
    <message>
        <source>Phiếu từ chối tiếp nhận</source>
        <translation>Refusal notice</translation>
    </message>
    <message>
        <source>Nhưng không lưu được bản in: {error}. Hãy in lại sau.</source>
        <translation>But the print could not be saved: {error}. Print it again later.</translation>
    </message>
    <message>
        <source>Chưa in được Phiếu kiểm soát (Mẫu 06): {error}. Hãy in lại (Ctrl+P).</source>
        <translation>The control slip (form 06) was not printed: {error}. Print it again (Ctrl+P).</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát quá trình giải quyết hồ sơ {code}</source>
        <translation>Processing control slip {code}</translation>
    </message>
    <message>
        <source>Kèm Phiếu kiểm soát (Mẫu 06) để trống.</source>
        <translation>With the blank control slip (form 06).</translation>
    </message>
    <message>
        <source>Không in lại được: {error}</source>
        <translation>Could not print again: {error}</translation>
    </message>
    <message>
        <source>Đã in lại {title}.</source>
        <translation>Printed {title} again.</translation>
    </message>
    <message>
        <source>In lại giấy tờ đã in tại quầy (24 giờ qua)</source>
        <translation>Print again a paper of this desk (last 24 hours)</translation>
    </message>
    <message>
        <source>«{text}» không phải mã phiếu yêu cầu bổ sung.</source>
        <translation>“{text}” is not a supplement notice code.</translation>
    </message>
    <message>
        <source>Tiếp nhận bổ sung theo phiếu {code} ngày {day}. Chỉ các giấy tờ trong phiếu được phép còn thiếu; yêu cầu thêm giấy tờ khác cần lãnh đạo phê duyệt.</source>
        <translation>Supplement intake for notice {code} of {day}. Only the documents in the notice may still be missing; asking for other documents needs a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>Hồ sơ trực tuyến: {n} (F6)</source>
        <translation>Online dossiers: {n} (F6)</translation>
    </message>
    <message>
        <source>Mở hồ sơ trực tuyến</source>
        <translation>Open an online dossier</translation>
    </message>
    <message>
        <source>Hồ sơ trực tuyến {code} (nộp trên Cổng Dịch vụ công): kiểm tra các tệp đã tải lên theo danh mục giấy tờ; khi tiếp nhận, hồ sơ giữ mã của Cổng.</source>
        <translation>Online dossier {code} (submitted on the National Public Service Portal): check the uploaded files against the checklist; once received, the dossier keeps the portal&apos;s code.</translation>
    </message>
    <message>
        <source>Bắt đầu lượt mới</source>
        <translation>Starting a new intake</translation>
    </message>
    <message>
        <source>Mở phiếu bổ sung</source>
        <translation>Opening the supplement notice</translation>
    </message>
    <message>
        <source>Mã {code} là mã hồ sơ đã tiếp nhận: xem ở trang Trả kết quả.</source>
        <translation>{code} is a received dossier&apos;s code: shown on the Result return page.</translation>
    </message>
    <message>
        <source>Quét mã vạch trên giấy tiếp nhận, hoặc gõ mã hồ sơ rồi nhấn Enter</source>
        <translation>Scan the barcode on the receipt, or type the dossier code and press Enter</translation>
    </message>
    <message>
        <source>&amp;Mã hồ sơ:</source>
        <translation>Dossier &amp;code:</translation>
    </message>
    <message>
        <source>Người nhận là &amp;chủ hồ sơ</source>
        <translation>The &amp;owner collects</translation>
    </message>
    <message>
        <source>12 chữ số</source>
        <translation>12 digits</translation>
    </message>
    <message>
        <source>Ví dụ: Giấy khai sinh</source>
        <translation>e.g. Birth certificate</translation>
    </message>
    <message>
        <source>&amp;Trả kết quả (Ctrl+Enter)</source>
        <translation>&amp;Return the result (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Người nhận kết quả</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <source>&lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}&lt;br&gt;Trạng thái: &lt;b&gt;{status}&lt;/b&gt; · hẹn trả: {due}</source>
        <translation>&lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}&lt;br&gt;Status: &lt;b&gt;{status}&lt;/b&gt; · due: {due}</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung hồ sơ trong quá trình giải quyết (Mẫu 02)</source>
        <translation>Supplement request during processing (form 02)</translation>
    </message>
    <message>
        <source>Ghi nhận và in phiếu (Ctrl+Enter)</source>
        <translation>Record and print the notice (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ví dụ: Công chức Tư pháp - Hộ tịch, UBND xã</source>
        <translation>E.g. Justice and civil-status officer, commune People&apos;s Committee</translation>
    </message>
    <message>
        <source>&amp;Cơ quan yêu cầu:</source>
        <translation>Requesting &amp;agency:</translation>
    </message>
    <message>
        <source>&lt;b&gt;TT&lt;/b&gt;</source>
        <translation>&lt;b&gt;No.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Giấy tờ cần bổ sung, hoàn thiện&lt;/b&gt;</source>
        <translation>&lt;b&gt;Document to add or complete&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lý do&lt;/b&gt;</source>
        <translation>&lt;b&gt;Reason&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Giấy tờ cần bổ sung (mỗi dòng một giấy tờ, kèm lý do)</source>
        <translation>Documents to add (one per row, with the reason)</translation>
    </message>
    <message>
        <source>Mỗi cơ quan chỉ yêu cầu bổ sung một lần trong quá trình giải quyết; thời gian giải quyết tạm dừng đến khi nhận đủ hồ sơ bổ sung.</source>
        <translation>Each agency may ask for documents only once during processing; the processing clock is paused until the complete documents are received.</translation>
    </message>
    <message>
        <source>Ví dụ: bản chụp mờ, thiếu chữ ký</source>
        <translation>E.g. blurred copy, signature missing</translation>
    </message>
    <message>
        <source>Ghi nhận hồ sơ đã bổ sung</source>
        <translation>Record the supplement as received</translation>
    </message>
    <message>
        <source>Ghi nhận đã bổ sung (Ctrl+Enter)</source>
        <translation>Record as received (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{agency}&lt;/b&gt; yêu cầu lúc {moment} (phiếu {code}):</source>
        <translation>&lt;b&gt;{agency}&lt;/b&gt; asked at {moment} (notice {code}):</translation>
    </message>
    <message>
        <source>Không có yêu cầu bổ sung nào đang chờ.</source>
        <translation>No supplement request is waiting.</translation>
    </message>
    <message>
        <source>Đã nhận đủ các giấy tờ trên: hồ sơ trở lại «Đang giải quyết» và thời gian giải quyết được tính lại từ khi nhận đủ hồ sơ; hẹn trả mới hiện trên chi tiết hồ sơ.</source>
        <translation>All the documents above were received: the dossier goes back to “In process” and the processing time counts again from the complete dossier; the new due date shows in the dossier detail.</translation>
    </message>
    <message>
        <source>Đính chính kết quả giải quyết hồ sơ</source>
        <translation>Correct the dossier&apos;s result</translation>
    </message>
    <message>
        <source>Đính chính (Ctrl+Enter)</source>
        <translation>Correct (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ví dụ: Ghi nhầm số giấy khai sinh khi trả kết quả</source>
        <translation>E.g. The birth certificate number was mistyped at the return</translation>
    </message>
    <message>
        <source>&amp;Lý do đính chính:</source>
        <translation>&amp;Reason for the correction:</translation>
    </message>
    <message>
        <source>Loại &amp;giấy tờ kết quả:</source>
        <translation>Result &amp;document type:</translation>
    </message>
    <message>
        <source>&amp;Thu hồi việc trả kết quả (ghi nhận trả nhầm): hồ sơ trở về «Đã có kết quả»</source>
        <translation>Recall the re&amp;turn (recorded by mistake): the dossier goes back to “Result ready”</translation>
    </message>
    <message>
        <source>&lt;b&gt;Người nhận kết quả&lt;/b&gt; (đã trả lúc {moment})</source>
        <translation>&lt;b&gt;Who took the result&lt;/b&gt; (returned at {moment})</translation>
    </message>
    <message>
        <source>&amp;Họ và tên:</source>
        <translation>Full &amp;name:</translation>
    </message>
    <message>
        <source>Số CCC&amp;D:</source>
        <translation>&amp;ID number:</translation>
    </message>
    <message>
        <source>Điện th&amp;oại:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>Ghi nhận đã có &amp;kết quả (Ctrl+K)</source>
        <translation>Record the result as &amp;ready (Ctrl+K)</translation>
    </message>
    <message>
        <source>Giấy tờ kết quả</source>
        <translation>Result document</translation>
    </message>
    <message>
        <source>&amp;Loại giấy tờ:</source>
        <translation>Document &amp;type:</translation>
    </message>
    <message>
        <source>&amp;Số, ký hiệu:</source>
        <translation>&amp;Number:</translation>
    </message>
    <message>
        <source>Trích &amp;yếu:</source>
        <translation>&amp;Summary:</translation>
    </message>
    <message>
        <source>Hồ sơ {code}: đã có kết quả, sẵn sàng trả.</source>
        <translation>Dossier {code}: result ready to hand over.</translation>
    </message>
    <message>
        <source>Hồ sơ {code}: {status}.</source>
        <translation>Dossier {code}: {status}.</translation>
    </message>
    <message>
        <source>Hãy quét mã hồ sơ trước.</source>
        <translation>Scan the dossier code first.</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền trả kết quả.</source>
        <translation>This account may not return results.</translation>
    </message>
    <message>
        <source>Đã trả kết quả hồ sơ {code} cho {name}.</source>
        <translation>Result of dossier {code} handed to {name}.</translation>
    </message>
    <message>
        <source>Nhưng không lưu được giấy biên nhận: {error}. Hãy in lại từ chi tiết hồ sơ.</source>
        <translation>But the receipt could not be saved: {error}. Reprint it from the dossier&apos;s details.</translation>
    </message>
    <message>
        <source>Giấy biên nhận trả kết quả — {code}</source>
        <translation>Return receipt — {code}</translation>
    </message>
    <message>
        <source>Hồ sơ đã có kết quả.</source>
        <translation>The dossier&apos;s result is ready.</translation>
    </message>
    <message>
        <source>Đã ghi nhận hồ sơ {code} có kết quả: {type}. Có thể trả kết quả ngay.</source>
        <translation>Result of dossier {code} recorded: {type}. It can be handed over now.</translation>
    </message>
    <message>
        <source>Chủ hồ sơ</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Số giấy tờ</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Hạn xử lý</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Mã hồ sơ, họ tên (không cần dấu), số CCCD hoặc số điện thoại</source>
        <translation>Dossier code, name (diacritics optional), ID number or phone</translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Mọi hạn xử lý</source>
        <translation>Any deadline state</translation>
    </message>
    <message>
        <source>Tiếp &amp;nhận từ</source>
        <translation>Received &amp;from</translation>
    </message>
    <message>
        <source>Tìm (Enter)</source>
        <translation>Find (Enter)</translation>
    </message>
    <message>
        <source>&amp;Tìm:</source>
        <translation>&amp;Find:</translation>
    </message>
    <message>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Không tìm được: {error}</source>
        <translation>The search failed: {error}</translation>
    </message>
    <message>
        <source>{n} hồ sơ đầu tiên (kéo xuống cuối danh sách để xem thêm)</source>
        <translation>first {n} dossiers (scroll to the end of the list for more)</translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation>{n} dossiers</translation>
    </message>
    <message>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Kiểm tra kết nối</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <source>Đồng bộ với hệ thống trung tâm</source>
        <translation>Sync with the central system</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ trung tâm:</source>
        <translation>Central server address:</translation>
    </message>
    <message>
        <source>Mã truy cập của quầy:</source>
        <translation>This desk&apos;s access token:</translation>
    </message>
    <message>
        <source>Hỗ trợ kỹ thuật</source>
        <translation>Technical support</translation>
    </message>
    <message>
        <source>Xuất nhật ký…</source>
        <translation>Export logs…</translation>
    </message>
    <message>
        <source>Gom các tệp nhật ký của phần mềm vào một tệp .zip để gửi bộ phận kỹ thuật</source>
        <translation>Collect the application&apos;s log files into one .zip file for technical support</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Ngôn ngữ mới có hiệu lực từ lần mở phần mềm sau. Giấy tờ in ra luôn bằng tiếng Việt.</source>
        <translation>The new language applies the next time the application starts. Printed forms are always in Vietnamese.</translation>
    </message>
    <message>
        <source>Ngôn ngữ giao diện:</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <source>In thẳng ra máy in mặc định (cả hai liên), không mở bản xem trước</source>
        <translation>Print straight to the default printer (both copies), without the preview</translation>
    </message>
    <message>
        <source>In giấy tờ</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>ví dụ: D:\Scan hoặc /home/motcua/Scan</source>
        <translation>e.g. D:\Scan or /home/motcua/Scan</translation>
    </message>
    <message>
        <source>Thư mục máy quét gửi tệp (số hóa):</source>
        <translation>Folder the scanner delivers to (digitising):</translation>
    </message>
    <message>
        <source>không tự khóa</source>
        <translation>never</translation>
    </message>
    <message>
        <source>⚠ Vừa khôi phục: đồng bộ trước khi tiếp nhận</source>
        <translation>⚠ Just restored: sync before receiving</translation>
    </message>
    <message>
        <source>⚠ Quá 1 ngày chưa sao lưu</source>
        <translation>⚠ No backup for over a day</translation>
    </message>
    <message>
        <source>⚠ Quá 1 ngày chưa đồng bộ</source>
        <translation>⚠ No sync for over a day</translation>
    </message>
    <message>
        <source>Sao lưu: Cài đặt → Sao lưu dữ liệu; đồng bộ: «Đồng bộ ngay».</source>
        <translation>Backups: Settings → Data backup; sync: “Sync now”.</translation>
    </message>
    <message>
        <source>Sao lưu dữ liệu</source>
        <translation>Data backup</translation>
    </message>
    <message>
        <source>Ổ đĩa thứ hai hoặc USB, ví dụ E:\SaoLuu</source>
        <translation>A second disk or a USB stick, e.g. E:\Backups</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Lưu cài đặt sao lưu</source>
        <translation>Save backup settings</translation>
    </message>
    <message>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>Thư mục sao lưu:</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <source>Giữ lại:</source>
        <translation>Keep:</translation>
    </message>
    <message>
        <source>Sao lưu tự động mỗi:</source>
        <translation>Back up automatically every:</translation>
    </message>
    <message>
        <source>Mật khẩu sao lưu:</source>
        <translation>Backup passphrase:</translation>
    </message>
    <message>
        <source> bản</source>
        <translation> backups</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo hoặc quản trị viên được thay đổi cài đặt sao lưu.</source>
        <translation>Only a supervisor or an administrator may change the backup settings.</translation>
    </message>
    <message>
        <source>Đã đặt — để trống nếu giữ nguyên</source>
        <translation>Set — leave empty to keep it</translation>
    </message>
    <message>
        <source>Ít nhất {n} ký tự; cần để khôi phục</source>
        <translation>At least {n} characters; needed to restore</translation>
    </message>
    <message>
        <source>Lần sao lưu gần nhất: {t} — {f}</source>
        <translation>Last backup: {t} — {f}</translation>
    </message>
    <message>
        <source>Chưa sao lưu lần nào.</source>
        <translation>Never backed up yet.</translation>
    </message>
    <message>
        <source>Lần sao lưu gần nhất không thành công: {e}</source>
        <translation>The last backup failed: {e}</translation>
    </message>
    <message>
        <source>Chọn thư mục sao lưu</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt sao lưu.</source>
        <translation>Backup settings saved.</translation>
    </message>
    <message>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Đã sao lưu: {f}; nhưng {n} tệp số hóa không còn trên đĩa hoặc bị hỏng nên không có trong bản sao lưu — hãy kiểm tra thư mục lưu trữ.</source>
        <translation>Backed up: {f}; but {n} digitised files are no longer on the disk or are damaged, so they are not in the backup — check the archive folder.</translation>
    </message>
    <message>
        <source>Đã sao lưu và kiểm tra: {f}</source>
        <translation>Backed up and verified: {f}</translation>
    </message>
    <message>
        <source>Chọn bản sao lưu</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <source>Bản sao lưu Một Cửa (*.mcbak)</source>
        <translation>Một Cửa backups (*.mcbak)</translation>
    </message>
    <message>
        <source>Mật khẩu sao lưu</source>
        <translation>Backup passphrase</translation>
    </message>
    <message>
        <source>Mật khẩu của bản sao lưu:</source>
        <translation>The backup&apos;s passphrase:</translation>
    </message>
    <message>
        <source>Đang giải mã và kiểm tra bản sao lưu…</source>
        <translation>Decrypting and checking the backup…</translation>
    </message>
    <message>
        <source>Không khôi phục được: {e}</source>
        <translation>Could not restore: {e}</translation>
    </message>
    <message>
        <source>Đang chờ lượt đồng bộ đang chạy kết thúc rồi mới thay tệp dữ liệu…</source>
        <translation>Waiting for the running sync pass to end before replacing the data file…</translation>
    </message>
    <message>
        <source>Đã khôi phục bản sao lưu lúc {t} ({n} hồ sơ). Tệp cũ được giữ bên cạnh. Phần mềm sẽ đóng; hãy mở lại và bấm «Đồng bộ ngay» trước khi tiếp nhận.</source>
        <translation>Restored the backup of {t} ({n} dossiers). The old file is kept beside it. The application will close; open it again and press “Sync now” before receiving.</translation>
    </message>
    <message>
        <source>Đã khôi phục</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>Máy dùng chung</source>
        <translation>Shared PC</translation>
    </message>
    <message>
        <source>Tự khóa màn hình khi không dùng sau:</source>
        <translation>Lock the screen when idle for:</translation>
    </message>
    <message>
        <source>Khóa ngay: Ctrl+Shift+L · Đổi cán bộ: Ctrl+Shift+U · Đăng xuất: Ctrl+Shift+Q</source>
        <translation>Lock now: Ctrl+Shift+L · Switch officer: Ctrl+Shift+U · Sign out: Ctrl+Shift+Q</translation>
    </message>
    <message>
        <source>Dòng thứ nhất của tiêu đề biểu mẫu: cơ quan chủ quản</source>
        <translation>First header line of the forms: the governing body</translation>
    </message>
    <message>
        <source>Dòng thứ hai: trung tâm, hoặc bộ phận tiếp nhận và trả kết quả</source>
        <translation>Second line: the centre, or the reception and return section</translation>
    </message>
    <message>
        <source> lần</source>
        <translation> times</translation>
    </message>
    <message>
        <source>Lưu cài đặt biểu mẫu</source>
        <translation>Save form settings</translation>
    </message>
    <message>
        <source>Khổ giấy Mẫu 01–06:</source>
        <translation>Paper of forms 01–06:</translation>
    </message>
    <message>
        <source>In kèm Phiếu kiểm soát (Mẫu 06) để trống khi tiếp nhận</source>
        <translation>Print the blank control slip (form 06) with the receipt</translation>
    </message>
    <message>
        <source>Tiêu đề dòng &amp;1:</source>
        <translation>Header line &amp;1:</translation>
    </message>
    <message>
        <source>Tiêu đề dòng &amp;2:</source>
        <translation>Header line &amp;2:</translation>
    </message>
    <message>
        <source>Gia hạn tối đa (Mẫu 04):</source>
        <translation>Extensions allowed (form 04):</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo hoặc quản trị mới thay đổi được cài đặt biểu mẫu.</source>
        <translation>Only supervisors or administrators can change the form settings.</translation>
    </message>
    <message>
        <source>Mặc định: {text}</source>
        <translation>Default: {text}</translation>
    </message>
    <message>
        <source>Đã lưu. Tiêu đề in trên biểu mẫu: «{line1}» / «{line2}»; khổ {paper}.</source>
        <translation>Saved. Form header: “{line1}” / “{line2}”; paper {paper}.</translation>
    </message>
    <message>
        <source>Đã lưu ngôn ngữ: {language}.</source>
        <translation>Language saved: {language}.</translation>
    </message>
    <message>
        <source>Xuất nhật ký</source>
        <translation>Export logs</translation>
    </message>
    <message>
        <source>Tệp nén (*.zip)</source>
        <translation>Zip files (*.zip)</translation>
    </message>
    <message>
        <source>Không xuất được nhật ký: {error}</source>
        <translation>Cannot export the logs: {error}</translation>
    </message>
    <message>
        <source>Đã xuất nhật ký vào «{path}».</source>
        <translation>Logs exported to “{path}”.</translation>
    </message>
    <message>
        <source>Không có thư mục «{folder}» trên máy này.</source>
        <translation>There is no folder “{folder}” on this PC.</translation>
    </message>
    <message>
        <source>Đã lưu thư mục quét.</source>
        <translation>Scan folder saved.</translation>
    </message>
    <message>
        <source>Đã bỏ thư mục quét.</source>
        <translation>Scan folder removed.</translation>
    </message>
    <message>
        <source>Đã lưu mã truy cập — để trống nếu giữ nguyên</source>
        <translation>Token saved — leave empty to keep it</translation>
    </message>
    <message>
        <source>Dán mã do quản trị cấp</source>
        <translation>Paste the token the administrator issued</translation>
    </message>
    <message>
        <source>Đã lưu cài đặt đồng bộ. Máy sẽ đồng bộ ngay bây giờ.</source>
        <translation>Sync settings saved. The desk syncs now.</translation>
    </message>
    <message>
        <source>Hãy nhập địa chỉ máy chủ trung tâm và mã truy cập trước khi kiểm tra.</source>
        <translation>Enter the central server address and the access token before testing.</translation>
    </message>
    <message>
        <source>Đang kiểm tra kết nối…</source>
        <translation>Testing the connection…</translation>
    </message>
    <message>
        <source>Mã này là mã của cán bộ xử lý, không phải mã của quầy.</source>
        <translation>This token belongs to a back-office officer, not to a desk.</translation>
    </message>
    <message>
        <source>Mã truy cập này cấp cho quầy số {d} của đơn vị {u}, không phải quầy này (quầy số {my_d}, đơn vị {my_u}).</source>
        <translation>This token was issued to desk {d} of unit {u}, not to this desk (desk {my_d}, unit {my_u}).</translation>
    </message>
    <message>
        <source>Kết nối thành công: máy chủ trung tâm nhận ra quầy số {d} của đơn vị {u}.</source>
        <translation>Connected: the central server recognises desk {d} of unit {u}.</translation>
    </message>
    <message>
        <source>Sự kiện chờ gửi: {n}</source>
        <translation>Events waiting to be sent: {n}</translation>
    </message>
    <message>
        <source>Lần đồng bộ gần nhất không thành công: {e}</source>
        <translation>The last sync failed: {e}</translation>
    </message>
    <message>
        <source>Thiết lập quầy lần đầu — Một Cửa Counter</source>
        <translation>First-run set-up — Một Cửa Counter</translation>
    </message>
    <message>
        <source>Mã cơ quan (QCVN 102:2016):</source>
        <translation>Agency code (QCVN 102:2016):</translation>
    </message>
    <message>
        <source>Tên cơ quan, đơn vị:</source>
        <translation>Agency / unit name:</translation>
    </message>
    <message>
        <source>Trung tâm Phục vụ hành chính công xã …</source>
        <translation>Public Administrative Service Centre of … commune</translation>
    </message>
    <message>
        <source>Cơ quan chủ quản:</source>
        <translation>Governing body:</translation>
    </message>
    <message>
        <source>Ủy ban nhân dân tỉnh …</source>
        <translation>People&apos;s Committee of … province</translation>
    </message>
    <message>
        <source>Địa danh trên giấy tờ:</source>
        <translation>Place name on the forms:</translation>
    </message>
    <message>
        <source>Cà Mau</source>
        <translation>Ca Mau</translation>
    </message>
    <message>
        <source>Địa chỉ tra cứu (mã QR):</source>
        <translation>Lookup address (QR code):</translation>
    </message>
    <message>
        <source>Cấp:</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>Số quầy của máy này (1–9):</source>
        <translation>This PC&apos;s desk number (1–9):</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tài khoản quản trị đầu tiên&lt;/b&gt;</source>
        <translation>&lt;b&gt;First administrator account&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat the password:</translation>
    </message>
    <message>
        <source>Lưu thiết lập</source>
        <translation>Save the set-up</translation>
    </message>
    <message>
        <source>&lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}&lt;br&gt;Hẹn trả hiện tại: &lt;b&gt;{due}&lt;/b&gt; (ghi trên giấy tiếp nhận: {original})</source>
        <translation>&lt;b&gt;{code}&lt;/b&gt; — {name}&lt;br&gt;{procedure}&lt;br&gt;Currently due: &lt;b&gt;{due}&lt;/b&gt; (on the receipt: {original})</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04)</source>
        <translation>Apology and extension letter (Form 04)</translation>
    </message>
    <message>
        <source>Phê duyệt và in văn bản (Ctrl+Enter)</source>
        <translation>Approve and print the letter (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ví dụ: Phòng Tư pháp - Hộ tịch UBND xã</source>
        <translation>e.g. Justice and Civil Status Office of the commune</translation>
    </message>
    <message>
        <source>Lý do chậm giải quyết (in trên văn bản gửi người nộp)</source>
        <translation>Reason for the delay (printed on the letter to the applicant)</translation>
    </message>
    <message>
        <source>Cơ quan chậm &amp;giải quyết:</source>
        <translation>&amp;Late agency:</translation>
    </message>
    <message>
        <source>&amp;Lý do:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>&amp;Hẹn trả mới:</source>
        <translation>&amp;New due date:</translation>
    </message>
    <message>
        <source>Tôi phê duyệt văn bản ban hành &amp;sau thời điểm hẹn trả</source>
        <translation>I approve this letter issued &amp;after the due moment</translation>
    </message>
    <message>
        <source>Hồ sơ đã quá hạn: văn bản xin lỗi phải ban hành trước thời điểm hẹn trả. Ban hành sau hạn cần lãnh đạo xác nhận dưới đây và được thống kê riêng.</source>
        <translation>The dossier is overdue: an apology letter must be issued before the due moment. A late letter needs the supervisor&apos;s confirmation below and is counted separately.</translation>
    </message>
    <message>
        <source>Rút hồ sơ theo đề nghị của người nộp</source>
        <translation>Withdraw the dossier at the applicant&apos;s request</translation>
    </message>
    <message>
        <source>Ghi nhận rút hồ sơ và in thông báo (Ctrl+Enter)</source>
        <translation>Record the withdrawal and print the notice (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ví dụ: Người nộp có đơn đề nghị rút hồ sơ ngày …</source>
        <translation>e.g. The applicant asked in writing on … to withdraw the dossier</translation>
    </message>
    <message>
        <source>Thông báo dừng giải quyết hồ sơ (Mẫu 05)</source>
        <translation>Notice of stopped processing (Form 05)</translation>
    </message>
    <message>
        <source>Dừng giải quyết và in thông báo (Ctrl+Enter)</source>
        <translation>Stop processing and print the notice (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Ví dụ: Người nộp không bổ sung hồ sơ trong thời hạn theo yêu cầu</source>
        <translation>e.g. The applicant did not supplement the dossier in time</translation>
    </message>
    <message>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● Ngoại tuyến</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>● Sai mã truy cập</source>
        <translation>● Wrong access token</translation>
    </message>
    <message>
        <source>● Mã truy cập đã bị thu hồi</source>
        <translation>● Access token revoked</translation>
    </message>
    <message>
        <source>● Trung tâm từ chối dữ liệu</source>
        <translation>● The central refused data</translation>
    </message>
    <message>
        <source>● Chưa đồng bộ</source>
        <translation>● Not synced yet</translation>
    </message>
    <message>
        <source>Đồng bộ lần cuối: {t}</source>
        <translation>Last sync: {t}</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>Sự kiện trung tâm từ chối và giữ lại: mở trang «Cần xử lý» để sửa</source>
        <translation>Events the central refused and keeps aside: open the “Needs attention” page to correct them</translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Gửi ngay các thay đổi chờ gửi và nhận cập nhật từ hệ thống trung tâm</source>
        <translation>Send the waiting changes now and fetch updates from the central system</translation>
    </message>
    <message>
        <source>○ Chưa cấu hình đồng bộ</source>
        <translation>○ Sync not configured</translation>
    </message>
    <message>
        <source>Nhập địa chỉ máy chủ trung tâm và mã truy cập trong trang Cài đặt.</source>
        <translation>Enter the central server address and the access token on the Settings page.</translation>
    </message>
    <message>
        <source> — thử lại lúc {t}</source>
        <translation> — retrying at {t}</translation>
    </message>
    <message>
        <source>⟳ Đang đồng bộ…</source>
        <translation>⟳ Syncing…</translation>
    </message>
    <message>
        <source>Chờ gửi: {n} sự kiện</source>
        <translation>Waiting: {n} events</translation>
    </message>
    <message>
        <source>⚠ Cần xử lý: {n}</source>
        <translation>⚠ Needs attention: {n}</translation>
    </message>
    <message>
        <source>⚠ Đồng hồ máy {skew} so với máy chủ trung tâm</source>
        <translation>⚠ This PC&apos;s clock is {skew} relative to the central server</translation>
    </message>
    <message>
        <source>Gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Công dân</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <source>Doanh nghiệp, hộ kinh doanh</source>
        <translation>Business, household business</translation>
    </message>
    <message>
        <source>Cơ quan, tổ chức</source>
        <translation>Agency, organisation</translation>
    </message>
    <message>
        <source>Cá nhân dùng hộ chiếu (người nước ngoài…)</source>
        <translation>Person with a passport (foreigner…)</translation>
    </message>
    <message>
        <source>Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/09/1985.</source>
        <translation>The date of birth must be day/month/year, e.g. 05/09/1985.</translation>
    </message>
    <message>
        <source>Mã số thuế gồm 10 chữ số (chi nhánh: 10 số, dấu gạch và 3 số) hoặc 12 chữ số CCCD của chủ hộ kinh doanh.</source>
        <translation>A tax code has 10 digits (a branch: 10 digits, a hyphen and 3 digits) or the 12-digit citizen ID of the household business owner.</translation>
    </message>
    <message>
        <source>Mã cơ quan, tổ chức gồm 3–20 ký tự chữ, số, dấu chấm hoặc gạch.</source>
        <translation>An agency or organisation code has 3–20 letters, digits, dots or hyphens.</translation>
    </message>
    <message>
        <source>Hãy nhập họ và tên (hoặc tên tổ chức).</source>
        <translation>Enter the full name (or the organisation&apos;s name).</translation>
    </message>
    <message>
        <source>Họ và tên chỉ gồm chữ cái và khoảng trắng, không có chữ số hay ký hiệu.</source>
        <translation>A full name has only letters and spaces, no digits or symbols.</translation>
    </message>
    <message>
        <source>Ngày sinh không thể ở tương lai.</source>
        <translation>The date of birth cannot be in the future.</translation>
    </message>
    <message>
        <source>Năm sinh phải từ 1900 trở đi.</source>
        <translation>The year of birth must be 1900 or later.</translation>
    </message>
    <message>
        <source>Hãy nhập ngày sinh của công dân (ngày/tháng/năm).</source>
        <translation>Enter the citizen&apos;s date of birth (day/month/year).</translation>
    </message>
    <message>
        <source>Giới tính là Nam hoặc Nữ.</source>
        <translation>Sex is Nam (male) or Nữ (female).</translation>
    </message>
    <message>
        <source>Giới tính không khớp với số CCCD (chữ số thứ 4: chẵn là Nam, lẻ là Nữ).</source>
        <translation>The sex does not match the citizen ID number (4th digit: even for male, odd for female).</translation>
    </message>
    <message>
        <source>Hãy nhập quốc tịch ghi trên hộ chiếu.</source>
        <translation>Enter the nationality shown in the passport.</translation>
    </message>
    <message>
        <source>Hãy nhập địa chỉ (số nhà/ấp, xã/phường, tỉnh).</source>
        <translation>Enter the address (house number/hamlet, commune/ward, province).</translation>
    </message>
    <message>
        <source>Đã chọn «Không có điện thoại»: hãy xóa số đã nhập, hoặc bỏ chọn ô đó.</source>
        <translation>“No phone” is ticked: clear the number entered, or untick that box.</translation>
    </message>
    <message>
        <source>«{value}» không phải số điện thoại thật. Người nộp không có điện thoại thì chọn «Không có điện thoại» (Alt+K), không nhập số giả.</source>
        <translation>“{value}” is not a real phone number. If the applicant has no phone, tick “No phone” (Alt+K) instead of entering a fake number.</translation>
    </message>
    <message>
        <source>Số điện thoại không hợp lệ: di động 10 số bắt đầu bằng 03, 05, 07, 08, 09; cố định 11 số bắt đầu bằng 02.</source>
        <translation>Invalid phone number: mobiles have 10 digits starting with 03, 05, 07, 08, 09; landlines 11 digits starting with 02.</translation>
    </message>
    <message>
        <source>Địa chỉ email không hợp lệ.</source>
        <translation>Invalid email address.</translation>
    </message>
    <message>
        <source>Họ tên người nộp thay chỉ gồm chữ cái và khoảng trắng.</source>
        <translation>The representative&apos;s name may contain only letters and spaces.</translation>
    </message>
    <message>
        <source>Người nộp thay: {problem}</source>
        <translation>Representative: {problem}</translation>
    </message>
    <message>
        <source>Số điện thoại người nộp thay không hợp lệ.</source>
        <translation>The representative&apos;s phone number is invalid.</translation>
    </message>
    <message>
        <source>Đã nộp</source>
        <translation>Provided</translation>
    </message>
    <message>
        <source>Thiếu</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Không hợp lệ</source>
        <translation>Not valid</translation>
    </message>
    <message>
        <source>Không áp dụng</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>Phiếu hướng dẫn trước đã liệt kê đủ các giấy tờ cần bổ sung. Yêu cầu thêm giấy tờ mới ({names}) là yêu cầu bổ sung lần hai: cần lãnh đạo phê duyệt và ghi rõ lý do.</source>
        <translation>The earlier guidance notice already listed every document to supplement. Asking for new documents ({names}) is a second supplement request: it needs a supervisor&apos;s approval and a stated reason.</translation>
    </message>
    <message>
        <source>Hãy chọn thủ tục và trường hợp áp dụng.</source>
        <translation>Choose the procedure and the case that applies.</translation>
    </message>
    <message>
        <source>Danh sách kiểm tra không khớp với thành phần hồ sơ của thủ tục.</source>
        <translation>The checklist does not match the procedure&apos;s required documents.</translation>
    </message>
    <message>
        <source>Chưa kiểm tra giấy tờ số {position}: «{name}».</source>
        <translation>Document {position} has not been checked: “{name}”.</translation>
    </message>
    <message>
        <source>Số bản của «{name}» phải từ 0 đến {MAX_COPIES}.</source>
        <translation>The number of copies of “{name}” must be from 0 to {MAX_COPIES}.</translation>
    </message>
    <message>
        <source>«{name}» là giấy tờ bắt buộc, không thể chọn «Không áp dụng».</source>
        <translation>“{name}” is a mandatory document; “Not applicable” cannot be chosen.</translation>
    </message>
    <message>
        <source>Hãy ghi số bản đã nộp của «{name}».</source>
        <translation>Enter the number of copies of “{name}” provided.</translation>
    </message>
    <message>
        <source>Hãy ghi lý do «{name}» không hợp lệ.</source>
        <translation>Write why “{name}” is not valid.</translation>
    </message>
    <message>
        <source>Số bộ hồ sơ phải từ 1 đến {MAX_SETS}.</source>
        <translation>The number of sets must be from 1 to {MAX_SETS}.</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền tiếp nhận hồ sơ.</source>
        <translation>This account may not receive dossiers.</translation>
    </message>
    <message>
        <source>Không tìm thấy phiếu yêu cầu bổ sung «{value}».</source>
        <translation>Supplement notice “{value}” not found.</translation>
    </message>
    <message>
        <source>Phiếu «{code}» đã được xử lý lúc {resolved_at:%H:%M %d/%m/%Y}.</source>
        <translation>Notice “{code}” was already dealt with at {resolved_at:%H:%M %d/%m/%Y}.</translation>
    </message>
    <message>
        <source>Hồ sơ bổ sung phải giữ đúng thủ tục và trường hợp của phiếu hướng dẫn; thủ tục khác cần một lượt tiếp nhận mới.</source>
        <translation>A supplemented dossier must keep the procedure and case of the guidance notice; another procedure needs a new intake.</translation>
    </message>
    <message>
        <source>Hãy ghi lý do yêu cầu bổ sung lần hai.</source>
        <translation>Write the reason for the second supplement request.</translation>
    </message>
    <message>
        <source>Hồ sơ còn thiếu giấy tờ: chỉ có thể lập phiếu yêu cầu bổ sung.</source>
        <translation>Documents are still missing: only a supplement notice can be issued.</translation>
    </message>
    <message>
        <source>Chỉ dùng lại bản số hóa cho giấy tờ đánh dấu «Đã nộp».</source>
        <translation>A digitised copy can be reused only for a document marked “Provided”.</translation>
    </message>
    <message>
        <source>Hồ sơ đã đủ giấy tờ: hãy tiếp nhận, không lập phiếu bổ sung.</source>
        <translation>The dossier is complete: receive it instead of issuing a supplement notice.</translation>
    </message>
    <message>
        <source>Hãy ghi rõ lý do từ chối tiếp nhận.</source>
        <translation>Write the reason for refusing the dossier.</translation>
    </message>
    <message>
        <source>Tại quầy</source>
        <translation>At the desk</translation>
    </message>
    <message>
        <source>Hệ thống trung tâm</source>
        <translation>Central system</translation>
    </message>
    <message>
        <source>Lịch nghỉ lễ, Tết</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Chủ nhật</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>Giờ «{text}» không đúng dạng HH:MM.</source>
        <translation>Time “{text}” is not in the form HH:MM.</translation>
    </message>
    <message>
        <source>Giờ «{text}» không hợp lệ.</source>
        <translation>Time “{text}” is not valid.</translation>
    </message>
    <message>
        <source>Không có cán bộ đang hoạt động với tên đăng nhập «{value}».</source>
        <translation>No active officer has the username “{value}”.</translation>
    </message>
    <message>
        <source>Ghi chú dài quá {NOTE_MAX} ký tự.</source>
        <translation>The note is longer than {NOTE_MAX} characters.</translation>
    </message>
    <message>
        <source>Ngày {day:%d/%m/%Y} đã được hệ thống trung tâm quy định ({value}); không sửa tại quầy.</source>
        <translation>The day {day:%d/%m/%Y} is set by the central system ({value}); it cannot be changed at the desk.</translation>
    </message>
    <message>
        <source>ngày làm việc</source>
        <translation>working day</translation>
    </message>
    <message>
        <source>ngày nghỉ</source>
        <translation>day off</translation>
    </message>
    <message>
        <source>Ngày {day:%d/%m/%Y} không có điều chỉnh nào tại quầy.</source>
        <translation>The day {day:%d/%m/%Y} has no adjustment made at the desk.</translation>
    </message>
    <message>
        <source>Ngày {day:%d/%m/%Y} do hệ thống trung tâm quy định; không xóa tại quầy.</source>
        <translation>The day {day:%d/%m/%Y} is set by the central system; it cannot be deleted at the desk.</translation>
    </message>
    <message>
        <source>Thứ trong tuần không hợp lệ.</source>
        <translation>Invalid day of the week.</translation>
    </message>
    <message>
        <source>Giờ làm việc «{periods}» không hợp lệ: ghi dạng «07:00-11:30, 13:30-17:00», giờ bắt đầu trước giờ kết thúc, các buổi không chồng nhau.</source>
        <translation>Invalid office hours “{periods}”: write them as “07:00-11:30, 13:30-17:00”, each start before its end, with no overlapping periods.</translation>
    </message>
    <message>
        <source>Phải có ít nhất một ngày làm việc từ thứ Hai đến thứ Sáu.</source>
        <translation>At least one day from Monday to Friday must be a working day.</translation>
    </message>
    <message>
        <source>Ngày làm việc (làm bù)</source>
        <translation>Working day (make-up)</translation>
    </message>
    <message>
        <source>«{name}» là giấy tờ bắt buộc: không chọn «Không áp dụng» được.</source>
        <translation>«{name}» is mandatory: it cannot be marked «Not applicable».</translation>
    </message>
    <message>
        <source>Đính kèm bản scan</source>
        <translation>Attach a scan</translation>
    </message>
    <message>
        <source>Giấy tờ: &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Document: &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>cả hồ sơ</source>
        <translation>whole dossier</translation>
    </message>
    <message>
        <source>Tệp mới trong thư mục quét «{folder}» (Space bỏ chọn):</source>
        <translation>New files in the scan folder “{folder}” (Space unticks):</translation>
    </message>
    <message>
        <source>Chưa đặt thư mục quét (Cài đặt của máy quét «scan to folder»).</source>
        <translation>No scan folder set (Settings, the scanner&apos;s “scan to folder”).</translation>
    </message>
    <message>
        <source>Thư mục quét «{folder}» chưa có tệp mới.</source>
        <translation>The scan folder “{folder}” has no new files.</translation>
    </message>
    <message>
        <source>Đính kèm tệp đã chọn (Enter)</source>
        <translation>Attach the ticked files (Enter)</translation>
    </message>
    <message>
        <source>Chọn tệp… (Ctrl+O)</source>
        <translation>Choose files… (Ctrl+O)</translation>
    </message>
    <message>
        <source>Quét bằng máy quét (Ctrl+S)</source>
        <translation>Scan with the scanner (Ctrl+S)</translation>
    </message>
    <message>
        <source>Chọn tệp bản scan</source>
        <translation>Choose scan files</translation>
    </message>
    <message>
        <source>Đang quét bằng «{name}»…</source>
        <translation>Scanning with “{name}”…</translation>
    </message>
    <message>
        <source>Không có trang nào được quét.</source>
        <translation>No page was scanned.</translation>
    </message>
    <message>
        <source>Đang chuyển {n} tệp thành PDF…</source>
        <translation>Converting {n} file(s) to PDF…</translation>
    </message>
    <message>
        <source>Không đính kèm được: {error}</source>
        <translation>Cannot attach: {error}</translation>
    </message>
    <message>
        <source>Mã hồ sơ (Cổng DVC)</source>
        <translation>Dossier code (portal)</translation>
    </message>
    <message>
        <source>Nộp lúc</source>
        <translation>Submitted at</translation>
    </message>
    <message>
        <source>Tệp</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Hồ sơ trực tuyến chờ tiếp nhận</source>
        <translation>Online dossiers waiting for reception</translation>
    </message>
    <message>
        <source>Đã xử lý tại quầy này</source>
        <translation>Decided at this desk</translation>
    </message>
    <message>
        <source>Mở tệp (Ctrl+O)</source>
        <translation>Open file (Ctrl+O)</translation>
    </message>
    <message>
        <source>Kiểm tra và tiếp nhận (Enter)</source>
        <translation>Check and receive (Enter)</translation>
    </message>
    <message>
        <source>Hồ sơ công dân nộp trên Cổng Dịch vụ công, chờ quầy kiểm tra theo danh mục giấy tờ như tại quầy: tiếp nhận (giữ mã hồ sơ của Cổng), yêu cầu bổ sung một lần, hoặc từ chối.</source>
        <translation>Dossiers citizens submitted on the National Public Service Portal, waiting to be checked against the checklist as at the counter: receive (keeping the portal&apos;s dossier code), request a supplement once, or refuse.</translation>
    </message>
    <message>
        <source>Tệp công dân đã tải lên:</source>
        <translation>Files the applicant uploaded:</translation>
    </message>
    <message>
        <source>Chờ tiếp nhận ({n})</source>
        <translation>Waiting ({n})</translation>
    </message>
    <message>
        <source>chưa tải về, hãy đồng bộ</source>
        <translation>not downloaded yet, sync</translation>
    </message>
    <message>
        <source>Đã mở {path}</source>
        <translation>Opened {path}</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Not satisfied</translation>
    </message>
    <message>
        <source>Thời gian chờ lâu</source>
        <translation>Long wait</translation>
    </message>
    <message>
        <source>Hướng dẫn chưa rõ ràng</source>
        <translation>Unclear guidance</translation>
    </message>
    <message>
        <source>Thái độ phục vụ</source>
        <translation>Attitude of the staff</translation>
    </message>
    <message>
        <source>Yêu cầu giấy tờ không cần thiết</source>
        <translation>Unnecessary papers asked for</translation>
    </message>
    <message>
        <source>Nhanh chóng, đúng hẹn</source>
        <translation>Quick, on time</translation>
    </message>
    <message>
        <source>Đánh giá mức độ hài lòng</source>
        <translation>Satisfaction rating</translation>
    </message>
    <message>
        <source>Xin chào ông/bà.</source>
        <translation>Welcome.</translation>
    </message>
    <message>
        <source>Ông/bà có thể chọn một lý do (không bắt buộc):</source>
        <translation>You may pick a reason (optional):</translation>
    </message>
    <message>
        <source>0   Bỏ qua</source>
        <translation>0   Skip</translation>
    </message>
    <message>
        <source>Cảm ơn ông/bà đã đánh giá.</source>
        <translation>Thank you for your rating.</translation>
    </message>
    <message>
        <source>Ông/bà đánh giá thế nào về việc giải quyết hồ sơ {code}?
Nhấn 1, 2 hoặc 3 (hoặc chạm vào ô).</source>
        <translation>How would you rate the handling of dossier {code}?
Press 1, 2 or 3 (or touch a box).</translation>
    </message>
    <message>
        <source>Đang chờ công dân đánh giá (hồ sơ {code})…</source>
        <translation>Waiting for the citizen’s rating (dossier {code})…</translation>
    </message>
    <message>
        <source>⌛ Chờ đánh giá</source>
        <translation>⌛ Rating pending</translation>
    </message>
    <message>
        <source>Không ghi được đánh giá: {error}</source>
        <translation>The rating could not be recorded: {error}</translation>
    </message>
    <message>
        <source>⚠ Đánh giá</source>
        <translation>⚠ Rating</translation>
    </message>
    <message>
        <source>Công dân đã đánh giá hồ sơ {code}.</source>
        <translation>The citizen has rated dossier {code}.</translation>
    </message>
    <message>
        <source>✓ Đã đánh giá</source>
        <translation>✓ Rated</translation>
    </message>
    <message>
        <source>{what}: «{value}» không phải số tiền (đồng) hợp lệ.</source>
        <translation>{what}: “{value}” is not a valid amount (in đồng).</translation>
    </message>
    <message>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <source>Trường hợp miễn, giảm «{code}» không có trong danh mục của thủ tục này.</source>
        <translation>The exemption or reduction “{code}” is not listed for this procedure.</translation>
    </message>
    <message>
        <source>Số bản của «{name}» phải từ 1 đến {MAX_COPIES}.</source>
        <translation>The number of copies of “{name}” must be from 1 to {MAX_COPIES}.</translation>
    </message>
    <message>
        <source>Số trang của «{name}» phải từ 1 đến {MAX_PAGES}.</source>
        <translation>The number of pages of “{name}” must be from 1 to {MAX_PAGES}.</translation>
    </message>
    <message>
        <source>Số CCCD phải gồm đúng 12 chữ số.</source>
        <translation>A citizen ID number has exactly 12 digits.</translation>
    </message>
    <message>
        <source>Số CCCD không hợp lệ: «{id_number}» không phải mã tỉnh, thành phố nơi đăng ký khai sinh.</source>
        <translation>Invalid citizen ID number: “{id_number}” is not the code of a province or city of birth registration.</translation>
    </message>
    <message>
        <source>Số CCCD không khớp với năm sinh (chữ số thứ 4–6 mã hóa thế kỷ và năm sinh).</source>
        <translation>The citizen ID number does not match the year of birth (digits 4–6 encode the century and year of birth).</translation>
    </message>
    <message>
        <source>Số hộ chiếu gồm 6–20 chữ cái in hoa và chữ số (không dấu, không ký hiệu).</source>
        <translation>A passport number has 6–20 capital letters and digits (no diacritics, no symbols).</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có {label} «{value}» không đúng dạng ngày tháng năm (DDMMYYYY).</source>
        <translation>The ID card&apos;s QR code has a {label} “{value}” that is not a date (DDMMYYYY).</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có {label} «{value}» không phải ngày có thật.</source>
        <translation>The ID card&apos;s QR code has a {label} “{value}” that is not a real date.</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD: {message}</source>
        <translation>ID card QR code: {message}</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD không có {label}.</source>
        <translation>The ID card&apos;s QR code has no {label}.</translation>
    </message>
    <message>
        <source>Không đọc được mã QR trên CCCD: có {count} trường, cần ít nhất {QR_MIN_FIELDS} (số CCCD|số CMND cũ|họ tên|ngày sinh|giới tính|địa chỉ|ngày cấp). Hãy quét lại.</source>
        <translation>Cannot read the ID card&apos;s QR code: it has {count} fields, at least {QR_MIN_FIELDS} are needed (ID number|old ID number|name|date of birth|sex|address|issue date). Scan it again.</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có số định danh «{value}» không gồm đúng 12 chữ số. Hãy quét lại.</source>
        <translation>The ID card&apos;s QR code has an ID number “{value}” that is not exactly 12 digits. Scan it again.</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có số CMND cũ «{value}» không gồm 9 chữ số.</source>
        <translation>The ID card&apos;s QR code has an old ID number “{value}” that is not 9 digits.</translation>
    </message>
    <message>
        <source>ngày sinh</source>
        <translation>date of birth</translation>
    </message>
    <message>
        <source>ngày cấp</source>
        <translation>issue date</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD: {problem}</source>
        <translation>ID card QR code: {problem}</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có năm sinh trước 1900.</source>
        <translation>The ID card&apos;s QR code has a year of birth before 1900.</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có ngày cấp trước ngày sinh.</source>
        <translation>The ID card&apos;s QR code has an issue date before the date of birth.</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có ngày sinh hoặc ngày cấp ở tương lai: hãy kiểm tra đồng hồ máy và quét lại.</source>
        <translation>The ID card&apos;s QR code has a date of birth or issue date in the future: check the computer&apos;s clock and scan again.</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD có giới tính «{value}», không phải Nam hoặc Nữ.</source>
        <translation>The ID card&apos;s QR code has the sex “{value}”, which is neither Nam (male) nor Nữ (female).</translation>
    </message>
    <message>
        <source>Mã QR trên CCCD: giới tính không khớp với số định danh (chữ số thứ 4). Hãy quét lại.</source>
        <translation>ID card QR code: the sex does not match the ID number (4th digit). Scan it again.</translation>
    </message>
    <message>
        <source>họ và tên</source>
        <translation>full name</translation>
    </message>
    <message>
        <source>nơi thường trú</source>
        <translation>permanent address</translation>
    </message>
    <message>
        <source>Tệp «{name}» sau khi nén vẫn lớn {count:.1f} MB, vượt giới hạn {limit} MB mỗi tệp. Hãy quét ở 200 dpi, đen trắng hoặc thang xám, hoặc chia thành nhiều tệp.</source>
        <translation>File “{name}” is still {count:.1f} MB after compression, over the limit of {limit} MB per file. Scan at 200 dpi in black and white or greyscale, or split it into several files.</translation>
    </message>
    <message>
        <source>Không có hồ sơ «{value}» trên quầy này.</source>
        <translation>There is no dossier “{value}” at this desk.</translation>
    </message>
    <message>
        <source>Hồ sơ {code} không có giấy tờ nào khớp «{wanted}». Các giấy tờ: {listing}</source>
        <translation>Dossier {code} has no document matching “{wanted}”. Its documents: {listing}</translation>
    </message>
    <message>
        <source>«{wanted}» khớp {count} giấy tờ của hồ sơ {code}; hãy ghi số thứ tự hoặc tên đầy đủ hơn. Các giấy tờ: {listing}</source>
        <translation>“{wanted}” matches {count} documents of dossier {code}; give the number or a fuller name. Its documents: {listing}</translation>
    </message>
    <message>
        <source>Nguồn tệp không hợp lệ: {source}.</source>
        <translation>Invalid file source: {source}.</translation>
    </message>
    <message>
        <source>Tệp «{file_name}» không còn nguyên trong kho lưu trữ; hãy đính kèm lại.</source>
        <translation>File “{file_name}” is no longer intact in the file store; attach it again.</translation>
    </message>
    <message>
        <source>Vai trò tệp không hợp lệ: {role}.</source>
        <translation>Invalid file role: {role}.</translation>
    </message>
    <message>
        <source>Hồ sơ {code} chưa có kết quả: chỉ đính kèm kết quả khi kết quả đã có.</source>
        <translation>Dossier {code} has no result yet: attach the result only once it is ready.</translation>
    </message>
    <message>
        <source>Giấy tờ không thuộc thủ tục của hồ sơ {code}.</source>
        <translation>The document does not belong to the procedure of dossier {code}.</translation>
    </message>
    <message>
        <source>Giấy tờ số hóa được chọn để dùng lại không thuộc người nộp này.</source>
        <translation>The digitised document chosen for reuse does not belong to this applicant.</translation>
    </message>
    <message>
        <source>Không có tệp đính kèm này.</source>
        <translation>No such attachment.</translation>
    </message>
    <message>
        <source>Tệp đính kèm không còn trong kho lưu trữ ({path}). Hãy khôi phục thư mục lưu trữ từ bản sao lưu.</source>
        <translation>The attachment is no longer in the file store ({path}). Restore the file store folder from a backup.</translation>
    </message>
    <message>
        <source>không có khóa niêm phong trên máy này để kiểm tra điểm niêm phong ({seal_key_path}); hãy khôi phục khóa hoặc kiểm tra trên máy đã tạo nhật ký</source>
        <translation>this computer has no seal key to check the seal points ({seal_key_path}); restore the key or verify on the computer that created the log</translation>
    </message>
    <message>
        <source>điểm niêm phong của nhật ký bị sửa (chữ ký không khớp)</source>
        <translation>the log&apos;s seal point was altered (the signature does not match)</translation>
    </message>
    <message>
        <source>điểm niêm phong trên máy</source>
        <translation>the seal point on this computer</translation>
    </message>
    <message>
        <source>mốc đã gửi lên hệ thống trung tâm</source>
        <translation>the anchor sent to the central system</translation>
    </message>
    <message>
        <source>mốc trung tâm đã xác nhận (lưu trên máy)</source>
        <translation>the anchor confirmed by the central system (kept on this computer)</translation>
    </message>
    <message>
        <source>dòng chứa dữ liệu không phải UTF-8 hợp lệ (bị sửa ngoài phần mềm)</source>
        <translation>the row holds data that is not valid UTF-8 (altered outside the software)</translation>
    </message>
    <message>
        <source>dòng có giá trị sai kiểu (bị sửa ngoài phần mềm)</source>
        <translation>the row has a value of the wrong type (altered outside the software)</translation>
    </message>
    <message>
        <source>liên kết với dòng trước bị đứt (dòng trước bị sửa hoặc xóa)</source>
        <translation>the link to the previous row is broken (the previous row was altered or deleted)</translation>
    </message>
    <message>
        <source>nội dung dòng đã bị sửa</source>
        <translation>the row&apos;s content was altered</translation>
    </message>
    <message>
        <source>sau dòng {last_good_mark}</source>
        <translation>after row {last_good_mark}</translation>
    </message>
    <message>
        <source>từ đầu</source>
        <translation>from the start</translation>
    </message>
    <message>
        <source>dòng không còn là dòng mà {name} ghi nhận: nhật ký đã bị viết lại (các dòng {after} đến dòng này đã bị sửa rồi tính lại mã băm)</source>
        <translation>the row is no longer the one recorded by {name}: the log was rewritten (the rows {after} up to this one were altered and their hashes recomputed)</translation>
    </message>
    <message>
        <source>dòng ghi việc khôi phục từ bản sao lưu không đọc được</source>
        <translation>the row recording a restore from backup cannot be read</translation>
    </message>
    <message>
        <source>dòng ghi trạng thái hồ sơ không đọc được</source>
        <translation>the row recording a dossier&apos;s status cannot be read</translation>
    </message>
    <message>
        <source>dòng ghi dữ liệu mẫu không đọc được</source>
        <translation>the row recording demo data cannot be read</translation>
    </message>
    <message>
        <source>thiếu dòng {seq} mà {name} đã ghi nhận: nhật ký bị cắt bớt hoặc bị xóa (chỉ còn đến dòng {last_id})</source>
        <translation>row {seq} recorded by {name} is missing: the log was truncated or deleted (it only goes up to row {last_id})</translation>
    </message>
    <message>
        <source>thiếu dòng {seq} mà hệ thống trung tâm đã ghi nhận lúc {received_at}: nhật ký bị cắt bớt hoặc bị xóa (chỉ còn đến dòng {last_id})</source>
        <translation>row {seq} recorded by the central system at {received_at} is missing: the log was truncated or deleted (it only goes up to row {last_id})</translation>
    </message>
    <message>
        <source>dòng không còn là dòng mà hệ thống trung tâm đã ghi nhận lúc {received_at}: nhật ký đã bị viết lại</source>
        <translation>the row is no longer the one the central system recorded at {received_at}: the log was rewritten</translation>
    </message>
    <message>
        <source>dòng {row_id} ({at}): quầy được khôi phục từ bản sao lưu có nhật ký đến dòng {backup_seq}; các dòng sau đó của tệp cũ (đến dòng {last_lost}, hệ thống trung tâm còn giữ mốc) chỉ còn trong tệp cũ được giữ lại khi khôi phục</source>
        <translation>row {row_id} ({at}): the desk was restored from a backup whose log ends at row {backup_seq}; the later rows of the old file (up to row {last_lost}, anchored at the central system) exist only in the old file kept aside during the restore</translation>
    </message>
    <message>
        <source>nhật ký trống trong khi quầy đã được thiết lập: các dòng nhật ký đã bị xóa</source>
        <translation>the log is empty although the desk is set up: the log rows were deleted</translation>
    </message>
    <message>
        <source>hồ sơ</source>
        <translation>dossier</translation>
    </message>
    <message>
        <source>người nộp</source>
        <translation>applicant</translation>
    </message>
    <message>
        <source>bảng {label} có dòng không đọc được (dữ liệu không phải UTF-8: bị sửa ngoài phần mềm)</source>
        <translation>the {label} table has a row that cannot be read (data not in UTF-8: altered outside the software)</translation>
    </message>
    <message>
        <source>{label} số {entity_id} không có trong nhật ký: được thêm ngoài phần mềm</source>
        <translation>{label} no. {entity_id} is not in the log: it was added outside the software</translation>
    </message>
    <message>
        <source>{label} số {entity_id} đã bị xóa theo nhật ký nhưng vẫn còn trong dữ liệu</source>
        <translation>{label} no. {entity_id} was deleted according to the log but is still in the data</translation>
    </message>
    <message>
        <source>{label} số {entity_id} đã bị sửa ngoài phần mềm (khác trạng thái nhật ký ghi ở dòng {row_id})</source>
        <translation>{label} no. {entity_id} was altered outside the software (it differs from the state the log recorded at row {row_id})</translation>
    </message>
    <message>
        <source>{label} số {entity_id} đã bị xóa ngoài phần mềm (nhật ký ghi ở dòng {row_id})</source>
        <translation>{label} no. {entity_id} was deleted outside the software (the log records it at row {row_id})</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo hoặc quản trị viên mới được đặt cấu hình sao lưu.</source>
        <translation>Only a supervisor or an administrator may configure backups.</translation>
    </message>
    <message>
        <source>Hãy chọn thư mục lưu bản sao lưu (ổ đĩa thứ hai hoặc USB).</source>
        <translation>Choose the folder for backups (a second drive or a USB stick).</translation>
    </message>
    <message>
        <source>Số bản sao lưu giữ lại phải từ 1 đến 365.</source>
        <translation>The number of backups to keep must be from 1 to 365.</translation>
    </message>
    <message>
        <source>Chu kỳ sao lưu phải từ 15 phút đến 7 ngày.</source>
        <translation>The backup interval must be from 15 minutes to 7 days.</translation>
    </message>
    <message>
        <source>Mật khẩu sao lưu phải có ít nhất {MIN_PASSPHRASE} ký tự.</source>
        <translation>The backup password must be at least {MIN_PASSPHRASE} characters long.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu sao lưu không giống nhau.</source>
        <translation>The two backup passwords do not match.</translation>
    </message>
    <message>
        <source>Không giải mã được bản sao lưu «{name}»: sai mật khẩu sao lưu, hoặc tệp đã bị sửa/hỏng.</source>
        <translation>Cannot decrypt the backup “{name}”: wrong backup password, or the file was altered/damaged.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp sao lưu «{path}».</source>
        <translation>Backup file “{path}” not found.</translation>
    </message>
    <message>
        <source>Không đọc được tệp «{path}».</source>
        <translation>Cannot read the file “{path}”.</translation>
    </message>
    <message>
        <source>Tệp «{name}» không phải bản sao lưu của Một Cửa Counter.</source>
        <translation>“{name}” is not a Một Cửa Counter backup.</translation>
    </message>
    <message>
        <source>Phần đầu của bản sao lưu «{name}» bị hỏng.</source>
        <translation>The header of the backup “{name}” is damaged.</translation>
    </message>
    <message>
        <source>Bản sao lưu «{name}» bị cắt cụt (chưa ghi xong hoặc hỏng).</source>
        <translation>The backup “{name}” is truncated (not completely written, or damaged).</translation>
    </message>
    <message>
        <source>Tệp số hóa «{path}» thay đổi trong lúc sao lưu: hãy sao lưu lại.</source>
        <translation>The digitised file «{path}» changed during the backup: back up again.</translation>
    </message>
    <message>
        <source>Bản sao lưu «{name}» có dữ liệu thừa sau phần cuối: tệp đã bị sửa.</source>
        <translation>The backup “{name}” has extra data after its end: the file was altered.</translation>
    </message>
    <message>
        <source>Tệp số hóa {sha} trong bản sao lưu «{name}» không khớp mã kiểm tra: bản sao lưu đã bị sửa hoặc hỏng.</source>
        <translation>Digitised file {sha} in backup «{name}» does not match its checksum: the backup was altered or is damaged.</translation>
    </message>
    <message>
        <source>Chưa chọn thư mục sao lưu: hãy chọn trong Cài đặt → Sao lưu, hoặc dùng --to THƯ_MỤC.</source>
        <translation>No backup folder chosen: choose one in Settings → Backup, or use --to FOLDER.</translation>
    </message>
    <message>
        <source>Chưa có mật khẩu sao lưu: lãnh đạo cần đặt trong Cài đặt → Sao lưu (hoặc đặt biến môi trường {PASSPHRASE_ENV}).</source>
        <translation>No backup password yet: a supervisor must set one in Settings → Backup (or set the environment variable {PASSPHRASE_ENV}).</translation>
    </message>
    <message>
        <source>Không sao lưu được vào «{target}»: {exc}</source>
        <translation>Cannot back up to “{target}”: {exc}</translation>
    </message>
    <message>
        <source>Không tìm thấy thư mục sao lưu «{target}» (USB/ổ đĩa chưa cắm?). Hãy cắm ổ đĩa rồi sao lưu lại.</source>
        <translation>Backup folder “{target}” not found (USB stick/drive not plugged in?). Plug the drive in and back up again.</translation>
    </message>
    <message>
        <source>Không có quyền ghi vào thư mục sao lưu «{target}». Hãy chọn thư mục khác.</source>
        <translation>No permission to write to the backup folder “{target}”. Choose another folder.</translation>
    </message>
    <message>
        <source>Thư mục sao lưu «{target}» chỉ đọc (USB bị khóa ghi?). Hãy mở khóa hoặc chọn thư mục khác.</source>
        <translation>The backup folder “{target}” is read-only (USB stick write-locked?). Unlock it or choose another folder.</translation>
    </message>
    <message>
        <source>Ổ đĩa của thư mục sao lưu «{target}» đã đầy. Hãy xóa bớt tệp hoặc dùng ổ khác.</source>
        <translation>The drive of the backup folder “{target}” is full. Delete some files or use another drive.</translation>
    </message>
    <message>
        <source>«{target}» không phải thư mục. Hãy chọn thư mục khác.</source>
        <translation>“{target}” is not a folder. Choose another folder.</translation>
    </message>
    <message>
        <source>Lỗi ổ đĩa khi ghi bản sao lưu vào «{target}». Hãy kiểm tra ổ đĩa rồi sao lưu lại.</source>
        <translation>Disk error while writing the backup to “{target}”. Check the drive and back up again.</translation>
    </message>
    <message>
        <source>Bản chụp cơ sở dữ liệu không toàn vẹn ({problem}): tệp của quầy có thể đang hỏng. Hãy chạy «counter-app audit verify» và liên hệ kỹ thuật.</source>
        <translation>The database snapshot failed its integrity check ({problem}): the desk&apos;s file may be damaged. Run “counter-app audit verify” and contact technical support.</translation>
    </message>
    <message>
        <source>Bản sao lưu ghi vào «{target}» đọc lại không khớp: ổ đĩa sao lưu có thể hỏng.</source>
        <translation>The backup written to “{target}” does not match when read back: the backup drive may be faulty.</translation>
    </message>
    <message>
        <source>Nội dung bản sao lưu «{name}» không khớp mã kiểm tra: tệp đã bị sửa hoặc hỏng.</source>
        <translation>The content of the backup “{name}” does not match its checksum: the file was altered or damaged.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu trong bản sao lưu «{name}» không toàn vẹn: {problem}.</source>
        <translation>The database in the backup “{name}” failed its integrity check: {problem}.</translation>
    </message>
    <message>
        <source> tại dòng {first_bad_id}</source>
        <translation> at row {first_bad_id}</translation>
    </message>
    <message>
        <source>Nhật ký trong bản sao lưu «{name}» bị can thiệp{where}: {problem}.</source>
        <translation>The log in the backup “{name}” was tampered with{where}: {problem}.</translation>
    </message>
    <message>
        <source>Đang đồng bộ với trung tâm (ở cửa sổ hoặc tiến trình khác trên máy này) nên chưa khôi phục: tệp của quầy chưa bị thay đổi. Hãy chờ lượt đồng bộ xong (hoặc dừng «counter-app sync») rồi khôi phục lại.</source>
        <translation>A sync with the central is running (in another window or process on this PC), so nothing was restored: the desk file is unchanged. Wait for the sync pass to end (or stop «counter-app sync»), then restore again.</translation>
    </message>
    <message>
        <source>Số quầy {number} không hợp lệ: chỉ dùng quầy số 1 đến 9.</source>
        <translation>Desk number {number} is invalid: only desks 1 to 9 are used.</translation>
    </message>
    <message>
        <source>phiếu bổ sung</source>
        <translation>supplement notice</translation>
    </message>
    <message>
        <source>Quầy số {number} đã dùng hết 999 mã {what} của ngày {day:%d/%m/%Y}. Hãy tiếp nhận ở quầy khác hoặc liên hệ quản trị để cấp thêm dải mã.</source>
        <translation>Desk {number} has used all 999 {what} codes for {day:%d/%m/%Y}. Receive at another desk or ask the administrator for another code range.</translation>
    </message>
    <message>
        <source> (Kiểm tra: {problems})</source>
        <translation> (Check: {problems})</translation>
    </message>
    <message>
        <source>Lưu ý: tệp dữ liệu lớn nên lần mở này chỉ kiểm tra toàn vẹn được một phần; kiểm tra đầy đủ (có thể mất vài phút): counter-app db check.</source>
        <translation>Note: the data file is large, so this time only part of it could be checked for integrity; for a full check (it may take a few minutes): counter-app db check.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp cơ sở dữ liệu «{path}» mà máy này đã dùng trước đây (ổ USB/ổ mạng chưa cắm, hoặc tệp bị xóa, đổi tên). Hãy cắm lại ổ đĩa rồi mở lại phần mềm, hoặc khôi phục từ bản sao lưu (counter-app backup restore TỆP --db «{path}»); phần mềm không tạo một quầy trống thay cho nó.</source>
        <translation>Database file «{path}», used on this PC before, not found (the USB/network drive not plugged in, or the file deleted or renamed). Plug the drive in again and reopen the application, or restore from a backup (counter-app backup restore FILE --db «{path}»); the application does not create an empty desk in its place.</translation>
    </message>
    <message>
        <source>Khổ giấy in biểu mẫu phải là A4 hoặc A5.</source>
        <translation>The paper size for forms must be A4 or A5.</translation>
    </message>
    <message>
        <source>Số lần gia hạn cho phép phải từ 0 đến {MAX_EXTENSIONS_LIMIT}.</source>
        <translation>The number of extensions allowed must be from 0 to {MAX_EXTENSIONS_LIMIT}.</translation>
    </message>
    <message>
        <source>Phiếu yêu cầu bổ sung «{code}» không gắn với hồ sơ nào.</source>
        <translation>Supplement notice “{code}” is not linked to any dossier.</translation>
    </message>
    <message>
        <source>Không tìm thấy phiếu yêu cầu bổ sung «{notice_code}».</source>
        <translation>Supplement notice “{notice_code}” not found.</translation>
    </message>
    <message>
        <source>Không tìm thấy lượt tiếp nhận bị từ chối.</source>
        <translation>The refused intake was not found.</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ có mã «{value}».</source>
        <translation>No dossier with the code “{value}”.</translation>
    </message>
    <message>
        <source>Tệp «{name}» lớn {size}: quá lớn để đọc (tối đa {limit}).</source>
        <translation>File “{name}” is {size}: too large to read (maximum {limit}).</translation>
    </message>
    <message>
        <source>Không có tệp «{path}».</source>
        <translation>There is no file “{path}”.</translation>
    </message>
    <message>
        <source>«{path}» là thư mục, không phải tệp.</source>
        <translation>“{path}” is a folder, not a file.</translation>
    </message>
    <message>
        <source>Không đọc được tệp «{path}»: {value}.</source>
        <translation>Cannot read the file “{path}”: {value}.</translation>
    </message>
    <message>
        <source>Tệp ảnh «{name}» bị hỏng hoặc không đọc được ({exc}).</source>
        <translation>The image file “{name}” is damaged or unreadable ({exc}).</translation>
    </message>
    <message>
        <source>Không có trang ảnh nào để ghép thành PDF.</source>
        <translation>There are no image pages to combine into a PDF.</translation>
    </message>
    <message>
        <source>Hãy chọn ít nhất một tệp (PDF, JPEG, PNG, TIFF).</source>
        <translation>Choose at least one file (PDF, JPEG, PNG, TIFF).</translation>
    </message>
    <message>
        <source>Tệp «{name}» không phải PDF, JPEG, PNG hay TIFF.</source>
        <translation>“{name}” is not a PDF, JPEG, PNG or TIFF file.</translation>
    </message>
    <message>
        <source>Tệp PDF «{name}» không trọn vẹn (có thể đang được máy quét ghi dở); hãy thử lại sau giây lát.</source>
        <translation>The PDF file “{name}” is incomplete (the scanner may still be writing it); try again in a moment.</translation>
    </message>
    <message>
        <source>Không lưu được tệp vào kho lưu trữ «{root}»: {value}.</source>
        <translation>Cannot save the file to the file store “{root}”: {value}.</translation>
    </message>
    <message>
        <source>Chờ tiếp nhận</source>
        <translation>Awaiting reception</translation>
    </message>
    <message>
        <source>Đã yêu cầu bổ sung</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <source>Đã từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Quầy khác đã xử lý</source>
        <translation>Handled by another desk</translation>
    </message>
    <message>
        <source>{done} — trung tâm đã xác nhận</source>
        <translation>{done} — confirmed by the central system</translation>
    </message>
    <message>
        <source>{done} — chờ đồng bộ</source>
        <translation>{done} — waiting for sync</translation>
    </message>
    <message>
        <source>Chờ tiếp nhận (đã bổ sung)</source>
        <translation>Awaiting reception (supplemented)</translation>
    </message>
    <message>
        <source>Không có hồ sơ trực tuyến {code} trên máy này.</source>
        <translation>There is no online dossier {code} on this computer.</translation>
    </message>
    <message>
        <source>Hồ sơ trực tuyến {code} đã được xử lý.</source>
        <translation>Online dossier {code} has already been handled.</translation>
    </message>
    <message>
        <source>Thủ tục {procedure_code} của hồ sơ trực tuyến {code} chưa có trong danh mục của quầy: hãy đồng bộ danh mục rồi thử lại.</source>
        <translation>Procedure {procedure_code} of online dossier {code} is not in the desk&apos;s catalog yet: sync the catalog and try again.</translation>
    </message>
    <message>
        <source>Hồ sơ trực tuyến {code} đã được xử lý (quầy này hoặc quầy khác); không thể quyết định lần nữa.</source>
        <translation>Online dossier {code} has already been handled (by this desk or another); it cannot be decided again.</translation>
    </message>
    <message>
        <source>Không có tệp số {file_id}.</source>
        <translation>There is no file number {file_id}.</translation>
    </message>
    <message>
        <source>Tệp «{name}» chưa tải về: hãy đồng bộ khi có kết nối.</source>
        <translation>File “{name}” has not been downloaded yet: sync when the connection is back.</translation>
    </message>
    <message>
        <source>Mã cơ quan không đúng định dạng QCVN 102:2016 (ví dụ 000.00.01.H12).</source>
        <translation>The agency code does not follow the QCVN 102:2016 format (e.g. 000.00.01.H12).</translation>
    </message>
    <message>
        <source>Hãy nhập tên cơ quan.</source>
        <translation>Enter the agency name.</translation>
    </message>
    <message>
        <source>Số quầy phải từ 1 đến 9.</source>
        <translation>The desk number must be from 1 to 9.</translation>
    </message>
    <message>
        <source>Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số, dấu chấm, gạch.</source>
        <translation>A username has 3–64 characters: letters without diacritics, digits, dots, hyphens.</translation>
    </message>
    <message>
        <source>Tên đăng nhập «{username}» đã có người dùng.</source>
        <translation>The username “{username}” is already taken.</translation>
    </message>
    <message>
        <source>Hãy nhập họ và tên cán bộ.</source>
        <translation>Enter the officer&apos;s full name.</translation>
    </message>
    <message>
        <source>Mật khẩu phải có ít nhất 4 ký tự.</source>
        <translation>The password must be at least 4 characters long.</translation>
    </message>
    <message>
        <source>Máy này chưa được thiết lập quầy. Hãy chạy thiết lập lần đầu.</source>
        <translation>This computer has not been set up as a desk. Run the first-time setup.</translation>
    </message>
    <message>
        <source>Sai tên đăng nhập hoặc mật khẩu.</source>
        <translation>Wrong username or password.</translation>
    </message>
    <message>
        <source>Tài khoản đang bị khóa đến {locked_until:%H:%M} do nhập sai mật khẩu nhiều lần.</source>
        <translation>The account is locked until {locked_until:%H:%M} after too many wrong passwords.</translation>
    </message>
    <message>
        <source>Tên đăng nhập hoặc mật khẩu của người phê duyệt không đúng.</source>
        <translation>The approver&apos;s username or password is wrong.</translation>
    </message>
    <message>
        <source>Tài khoản «{username}» đang bị khóa đến {locked_until:%H:%M} do nhập sai mật khẩu nhiều lần: không thể phê duyệt.</source>
        <translation>The account “{username}” is locked until {locked_until:%H:%M} after too many wrong passwords: it cannot approve.</translation>
    </message>
    <message>
        <source>«{full_name}» không có quyền lãnh đạo để phê duyệt.</source>
        <translation>“{full_name}” has no supervisor rights to approve.</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không giống nhau.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Máy này đã được thiết lập quầy.</source>
        <translation>This computer is already set up as a desk.</translation>
    </message>
    <message>
        <source>Hãy nhập địa danh ghi trên giấy tờ (ví dụ: Cà Mau).</source>
        <translation>Enter the place name printed on documents (e.g. Cà Mau).</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền thu phí, lệ phí.</source>
        <translation>This account may not collect fees and charges.</translation>
    </message>
    <message>
        <source>Hãy chọn hình thức thanh toán: tiền mặt, chuyển khoản hoặc trực tuyến.</source>
        <translation>Choose the payment method: cash, bank transfer or online.</translation>
    </message>
    <message>
        <source>Hãy nhập mã giao dịch của ngân hàng hoặc nền tảng thanh toán.</source>
        <translation>Enter the transaction reference of the bank or payment platform.</translation>
    </message>
    <message>
        <source>Số tiền nộp phải là số đồng lớn hơn 0.</source>
        <translation>The amount paid must be a whole number of đồng greater than 0.</translation>
    </message>
    <message>
        <source>Hồ sơ {code} không còn khoản phí, lệ phí nào phải nộp.</source>
        <translation>Dossier {code} has no fees or charges left to pay.</translation>
    </message>
    <message>
        <source>Số tiền nộp lớn hơn số còn phải nộp ({owed}).</source>
        <translation>The amount paid is more than what is still owed ({owed}).</translation>
    </message>
    <message>
        <source>Hồ sơ còn một lần tạm dừng khác chưa kết thúc.</source>
        <translation>The dossier has another pause that has not ended.</translation>
    </message>
    <message>
        <source>Hồ sơ {code} đã ở trạng thái chờ thực hiện nghĩa vụ tài chính.</source>
        <translation>Dossier {code} is already awaiting the financial obligation.</translation>
    </message>
    <message>
        <source>Hồ sơ đang ở trạng thái «{status}»: không chuyển sang chờ nộp phí được.</source>
        <translation>The dossier&apos;s status is “{status}”: it cannot be set to awaiting payment.</translation>
    </message>
    <message>
        <source>Thời gian giải quyết của hồ sơ đang tạm dừng.</source>
        <translation>The dossier&apos;s processing time is paused.</translation>
    </message>
    <message>
        <source>Hãy ghi lý do hủy biên lai hoặc hoàn tiền.</source>
        <translation>Write the reason for voiding the receipt or refunding.</translation>
    </message>
    <message>
        <source>Không tìm thấy biên lai số «{value}».</source>
        <translation>Receipt number “{value}” not found.</translation>
    </message>
    <message>
        <source>Biên lai {number} đã bị hủy lúc {voided_at:%H:%M %d/%m/%Y}.</source>
        <translation>Receipt {number} was voided at {voided_at:%H:%M %d/%m/%Y}.</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền ghi nhận yêu cầu bổ sung hồ sơ.</source>
        <translation>This account may not record supplement requests.</translation>
    </message>
    <message>
        <source>Hãy ghi cơ quan, bộ phận giải quyết yêu cầu bổ sung hồ sơ.</source>
        <translation>Write the agency or section requesting the supplement.</translation>
    </message>
    <message>
        <source>Hãy ghi lý do cần bổ sung «{name}».</source>
        <translation>Write why “{name}” must be supplemented.</translation>
    </message>
    <message>
        <source>Hãy liệt kê ít nhất một giấy tờ cần bổ sung, kèm lý do.</source>
        <translation>List at least one document to supplement, with its reason.</translation>
    </message>
    <message>
        <source>Đơn vị đã kết nối hệ thống trung tâm: cơ quan giải quyết ghi yêu cầu bổ sung trên hệ thống trung tâm, quầy nhận về khi đồng bộ.</source>
        <translation>This unit is connected to the central system: the processing agency records supplement requests there, and the desk receives them when it syncs.</translation>
    </message>
    <message>
        <source>Hồ sơ đang ở trạng thái «{status}»: không yêu cầu bổ sung được.</source>
        <translation>The dossier&apos;s status is “{status}”: no supplement can be requested.</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền ghi nhận hồ sơ đã bổ sung.</source>
        <translation>This account may not record a supplemented dossier.</translation>
    </message>
    <message>
        <source>Hồ sơ không ở trạng thái chờ bổ sung.</source>
        <translation>The dossier is not waiting for a supplement.</translation>
    </message>
    <message>
        <source>Đánh giá không hợp lệ.</source>
        <translation>Invalid rating.</translation>
    </message>
    <message>
        <source>Lý do không có trong danh sách.</source>
        <translation>The reason is not in the list.</translation>
    </message>
    <message>
        <source>Hồ sơ này đã được đánh giá; đánh giá không sửa được.</source>
        <translation>This dossier has already been rated; a rating cannot be changed.</translation>
    </message>
    <message>
        <source>Quá {MAX_BOOK_ROWS:,} hồ sơ trong khoảng này: hãy in sổ theo từng tháng.</source>
        <translation>More than {MAX_BOOK_ROWS:,} dossiers in this period: print the book month by month.</translation>
    </message>
    <message>
        <source>Định dạng «{fmt}» không hỗ trợ: dùng {items}.</source>
        <translation>The format “{fmt}” is not supported: use {items}.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu của quầy vừa được khôi phục từ bản sao lưu.</source>
        <translation>The desk&apos;s database has just been restored from a backup.</translation>
    </message>
    <message>
        <source>Tệp dữ liệu của quầy được mở trên một máy khác với máy đã dùng nó lần trước (tệp được sao chép hoặc chuyển máy).</source>
        <translation>The desk&apos;s data file was opened on a different computer from the one that used it last (the file was copied or moved).</translation>
    </message>
    <message>
        <source>{why} Để không cấp trùng mã hồ sơ với hồ sơ đã gửi lên trước đây, quầy chưa tiếp nhận được cho đến khi đồng bộ xong với máy chủ trung tâm: bấm «Đồng bộ ngay» ở thanh trạng thái (cần kết nối mạng).</source>
        <translation>{why} So that no dossier code already sent before is issued twice, the desk cannot receive until it has synced with the central server: press “Sync now” in the status bar (a network connection is needed).</translation>
    </message>
    <message>
        <source>Hồ sơ «{code}» chưa trả kết quả: chưa có giấy biên nhận trả kết quả.</source>
        <translation>Dossier “{code}” has not been returned yet: there is no result return receipt.</translation>
    </message>
    <message>
        <source>{hour:02d}:{minute:02d} ngày {day:02d}/{month:02d}/{year}</source>
        <translation>{hour:02d}:{minute:02d} on {day:02d}/{month:02d}/{year}</translation>
    </message>
    <message>
        <source>Hồ sơ đã được trả kết quả</source>
        <translation>The result has already been returned</translation>
    </message>
    <message>
        <source> lúc {moment}</source>
        <translation> at {moment}</translation>
    </message>
    <message>
        <source> (hẹn trả {moment})</source>
        <translation> (due {moment})</translation>
    </message>
    <message>
        <source>Chưa thể trả kết quả: hồ sơ đang được giải quyết, chưa có kết quả{due}.</source>
        <translation>Cannot return the result yet: the dossier is still being processed and has no result{due}.</translation>
    </message>
    <message>
        <source>Chưa thể trả kết quả: hồ sơ đang chờ bổ sung, hoàn thiện giấy tờ.</source>
        <translation>Cannot return the result yet: the dossier is waiting for documents to be supplemented.</translation>
    </message>
    <message>
        <source>Chưa thể trả kết quả: hồ sơ đang chờ thực hiện nghĩa vụ tài chính.</source>
        <translation>Cannot return the result yet: the dossier is awaiting the financial obligation.</translation>
    </message>
    <message>
        <source>Không có kết quả để trả: hồ sơ đã bị dừng giải quyết.</source>
        <translation>No result to return: processing of the dossier was stopped.</translation>
    </message>
    <message>
        <source>Không có kết quả để trả: công dân đã rút hồ sơ.</source>
        <translation>No result to return: the citizen withdrew the dossier.</translation>
    </message>
    <message>
        <source>Không thể trả kết quả: hồ sơ ở trạng thái «{status}».</source>
        <translation>The result cannot be returned: the dossier&apos;s status is “{status}”.</translation>
    </message>
    <message>
        <source>Chưa có mã: hãy quét mã vạch trên giấy tiếp nhận.</source>
        <translation>No code yet: scan the barcode on the receipt.</translation>
    </message>
    <message>
        <source>«{code}» là mã phiếu yêu cầu bổ sung, không phải mã hồ sơ: hồ sơ bổ sung được tiếp nhận ở trang Tiếp nhận hồ sơ.</source>
        <translation>“{code}” is a supplement notice code, not a dossier code: supplemented dossiers are received on the Reception page.</translation>
    </message>
    <message>
        <source>Không tìm thấy phiếu yêu cầu bổ sung có mã «{code}» trên máy này.</source>
        <translation>No supplement notice with the code “{code}” on this computer.</translation>
    </message>
    <message>
        <source>«{value}» không phải mã hồ sơ hay mã phiếu bổ sung. Hãy quét lại.</source>
        <translation>“{value}” is neither a dossier code nor a supplement notice code. Scan again.</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ có mã «{code}» trên máy này.</source>
        <translation>No dossier with the code “{code}” on this computer.</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền {what}.</source>
        <translation>This account may not {what}.</translation>
    </message>
    <message>
        <source>Hãy ghi loại giấy tờ kết quả (ví dụ: Giấy khai sinh).</source>
        <translation>Write the type of result document (e.g. Birth certificate).</translation>
    </message>
    <message>
        <source>Loại hoặc số giấy tờ kết quả quá dài.</source>
        <translation>The result document&apos;s type or number is too long.</translation>
    </message>
    <message>
        <source>Chủ hồ sơ là tổ chức: hãy ghi họ tên và số CCCD của người đến nhận kết quả.</source>
        <translation>The dossier owner is an organisation: write the name and citizen ID number of the person collecting the result.</translation>
    </message>
    <message>
        <source>Số CCCD người nhận không khớp với chủ hồ sơ. Nếu là người được ủy quyền, hãy bỏ chọn «Người nhận là chủ hồ sơ».</source>
        <translation>The receiver&apos;s citizen ID number does not match the dossier owner&apos;s. If this is an authorised person, untick “The receiver is the dossier owner”.</translation>
    </message>
    <message>
        <source>Hãy ghi họ và tên người nhận kết quả.</source>
        <translation>Write the full name of the person receiving the result.</translation>
    </message>
    <message>
        <source>Người nhận kết quả: {problem}</source>
        <translation>Result receiver: {problem}</translation>
    </message>
    <message>
        <source>Họ tên người nhận chỉ gồm chữ cái và khoảng trắng.</source>
        <translation>The receiver&apos;s name may contain only letters and spaces.</translation>
    </message>
    <message>
        <source>Số điện thoại người nhận không hợp lệ: di động 10 số bắt đầu bằng 03, 05, 07, 08, 09; cố định 11 số bắt đầu bằng 02.</source>
        <translation>The receiver&apos;s phone number is invalid: mobiles have 10 digits starting with 03, 05, 07, 08, 09; landlines 11 digits starting with 02.</translation>
    </message>
    <message>
        <source>ghi nhận hồ sơ đã có kết quả</source>
        <translation>record that a dossier&apos;s result is ready</translation>
    </message>
    <message>
        <source> từ {moment}</source>
        <translation> since {moment}</translation>
    </message>
    <message>
        <source>Hồ sơ đã được ghi nhận có kết quả{when}.</source>
        <translation>The dossier&apos;s result has already been recorded as ready{when}.</translation>
    </message>
    <message>
        <source>Chưa thể trả kết quả: </source>
        <translation>Cannot return the result yet: </translation>
    </message>
    <message>
        <source>Không có kết quả để trả: </source>
        <translation>No result to return: </translation>
    </message>
    <message>
        <source>Không thể ghi nhận có kết quả. {reason}</source>
        <translation>Cannot record the result as ready. {reason}</translation>
    </message>
    <message>
        <source>trả kết quả</source>
        <translation>return results</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo mới được đính chính kết quả hoặc việc trả kết quả.</source>
        <translation>Only a supervisor may correct a result or its return.</translation>
    </message>
    <message>
        <source>Hãy ghi rõ lý do đính chính (ít nhất 5 ký tự).</source>
        <translation>Write the reason for the correction (at least 5 characters).</translation>
    </message>
    <message>
        <source>Không có nội dung nào để đính chính.</source>
        <translation>There is nothing to correct.</translation>
    </message>
    <message>
        <source>Hồ sơ đang ở trạng thái «{status}»: chưa có kết quả để đính chính.</source>
        <translation>The dossier&apos;s status is “{status}”: there is no result to correct yet.</translation>
    </message>
    <message>
        <source>Kết quả chưa được trả: không có người nhận để đính chính.</source>
        <translation>The result has not been returned: there is no receiver to correct.</translation>
    </message>
    <message>
        <source>Hồ sơ chưa trả kết quả: không có việc trả kết quả để thu hồi.</source>
        <translation>The result has not been returned: there is no return to revoke.</translation>
    </message>
    <message>
        <source>Hãy chỉ định cán bộ trả kết quả bằng --officer TÊN_ĐĂNG_NHẬP.</source>
        <translation>Name the officer returning the result with --officer USERNAME.</translation>
    </message>
    <message>
        <source>Không mở được máy quét «{name}»: {exc}.</source>
        <translation>Cannot open the scanner “{name}”: {exc}.</translation>
    </message>
    <message>
        <source>Máy quét «{name}» báo lỗi: {exc}.</source>
        <translation>The scanner “{name}” reported an error: {exc}.</translation>
    </message>
    <message>
        <source>Không quét được qua WIA: {exc}.</source>
        <translation>Cannot scan through WIA: {exc}.</translation>
    </message>
    <message>
        <source>Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.</source>
        <translation>The start date must be on or before the end date.</translation>
    </message>
    <message>
        <source>Chỉ lọc được hồ sơ quá hạn, sắp đến hạn, còn hạn hoặc tạm dừng.</source>
        <translation>Only overdue, due soon, within deadline or paused dossiers can be filtered.</translation>
    </message>
    <message>
        <source>Ngày kết thúc phải từ ngày bắt đầu trở đi.</source>
        <translation>The end date must be on or after the start date.</translation>
    </message>
    <message>
        <source>Khoảng thời gian báo cáo tối đa là 3 năm.</source>
        <translation>A report covers at most 3 years.</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo (vai trò giám sát) mới xem được bảng theo dõi và báo cáo.</source>
        <translation>Only a supervisor may see the dashboard and reports.</translation>
    </message>
    <message>
        <source>{dt:%H:%M} ngày {dt:%d/%m/%Y}</source>
        <translation>{dt:%H:%M} on {dt:%d/%m/%Y}</translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo mới được {what}.</source>
        <translation>Only a supervisor may {what}.</translation>
    </message>
    <message>
        <source>Tài khoản hiện tại không còn quyền lãnh đạo để {what}.</source>
        <translation>The current account no longer has supervisor rights to {what}.</translation>
    </message>
    <message>
        <source>ngày nghỉ theo lịch của cơ quan</source>
        <translation>a day off in the agency&apos;s calendar</translation>
    </message>
    <message>
        <source>Ngày {day:%d/%m/%Y} là ngày nghỉ ({day_off_name}): hãy hẹn vào một ngày làm việc.</source>
        <translation>{day:%d/%m/%Y} is a day off ({day_off_name}): choose a working day for the appointment.</translation>
    </message>
    <message>
        <source>{moment:%H:%M} ngoài giờ làm việc của ngày {day:%d/%m/%Y} ({hours}): hãy hẹn trong giờ làm việc.</source>
        <translation>{moment:%H:%M} is outside the office hours of {day:%d/%m/%Y} ({hours}): choose a time within office hours.</translation>
    </message>
    <message>
        <source>Hồ sơ đang ở trạng thái «{status}»: không còn gia hạn được.</source>
        <translation>The dossier&apos;s status is “{status}”: it can no longer be extended.</translation>
    </message>
    <message>
        <source>Hồ sơ đang tạm dừng tính thời gian giải quyết (chờ bổ sung hoặc nộp phí): chưa có hạn để gia hạn.</source>
        <translation>The dossier&apos;s processing time is paused (waiting for a supplement or a payment): there is no deadline to extend.</translation>
    </message>
    <message>
        <source>Hồ sơ đã được gia hạn {earlier} lần; chỉ được gia hạn tối đa {allowed} lần (văn bản xin lỗi và đề nghị gia hạn, Mẫu số 04).</source>
        <translation>The dossier has been extended {earlier} times; at most {allowed} extensions are allowed (apology and extension letter, Form 04).</translation>
    </message>
    <message>
        <source>Hãy ghi cơ quan, đơn vị chậm giải quyết hồ sơ.</source>
        <translation>Write the agency or unit that is late processing the dossier.</translation>
    </message>
    <message>
        <source>Hãy ghi rõ lý do chậm giải quyết (ít nhất 5 ký tự).</source>
        <translation>Write the reason for the delay (at least 5 characters).</translation>
    </message>
    <message>
        <source>Thời điểm hẹn trả mới phải sau thời điểm hẹn trả hiện tại ({moment}).</source>
        <translation>The new appointment must be after the current one ({moment}).</translation>
    </message>
    <message>
        <source>phê duyệt văn bản xin lỗi và gia hạn</source>
        <translation>approve apology and extension letters</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi phải ban hành trước thời điểm hẹn trả ({moment}); hồ sơ đã quá hạn. Ban hành sau hạn cần lãnh đạo xác nhận phê duyệt và được thống kê riêng.</source>
        <translation>An apology letter must be issued before the appointment ({moment}); the dossier is already overdue. Issuing it late needs a supervisor&apos;s confirmed approval and is counted separately.</translation>
    </message>
    <message>
        <source>Không tìm thấy văn bản xin lỗi, gia hạn.</source>
        <translation>Apology and extension letter not found.</translation>
    </message>
    <message>
        <source>Tài khoản này không có quyền ghi nhận rút hồ sơ.</source>
        <translation>This account may not record a withdrawal.</translation>
    </message>
    <message>
        <source>Hãy ghi lý do người nộp rút hồ sơ (ít nhất 5 ký tự).</source>
        <translation>Write why the applicant withdraws the dossier (at least 5 characters).</translation>
    </message>
    <message>
        <source>Hãy ghi rõ lý do dừng giải quyết hồ sơ (ít nhất 5 ký tự).</source>
        <translation>Write the reason for stopping the processing (at least 5 characters).</translation>
    </message>
    <message>
        <source>dừng giải quyết hồ sơ</source>
        <translation>stop processing a dossier</translation>
    </message>
    <message>
        <source>Hồ sơ «{code}» không bị dừng giải quyết hay rút.</source>
        <translation>Dossier “{code}” was neither stopped nor withdrawn.</translation>
    </message>
    <message>
        <source>loại thay đổi «{kind}» chưa được hỗ trợ</source>
        <translation>change type “{kind}” is not supported yet</translation>
    </message>
    <message>
        <source>Các thay đổi chưa gửi vẫn được giữ nguyên trên máy.</source>
        <translation>Changes not yet sent are kept safe on this computer.</translation>
    </message>
    <message>
        <source>quá thời gian chờ</source>
        <translation>timed out</translation>
    </message>
    <message>
        <source>không mở được kết nối: mạng mất hoặc máy chủ không chạy</source>
        <translation>cannot open a connection: the network is down or the server is not running</translation>
    </message>
    <message>
        <source>kết nối bị ngắt giữa chừng</source>
        <translation>the connection was cut off</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ trung tâm «{base_url}» không hợp lệ.</source>
        <translation>The central server address “{base_url}” is not valid.</translation>
    </message>
    <message>
        <source>Không kết nối được máy chủ trung tâm ({transport_reason}). {KEEP_MESSAGE} Máy sẽ tự gửi lại khi có kết nối.</source>
        <translation>Cannot connect to the central server ({transport_reason}). {KEEP_MESSAGE} They will be sent automatically when the connection is back.</translation>
    </message>
    <message>
        <source>Mã truy cập của quầy đã bị thu hồi trên hệ thống trung tâm. Hãy liên hệ quản trị để được cấp mã mới và nhập lại trong Cài đặt → Đồng bộ. </source>
        <translation>The desk&apos;s access token was revoked on the central system. Ask the administrator for a new token and enter it in Settings → Sync. </translation>
    </message>
    <message>
        <source>Máy chủ trung tâm không chấp nhận mã truy cập của quầy (thiếu hoặc sai mã). Hãy kiểm tra lại trong Cài đặt → Đồng bộ. </source>
        <translation>The central server does not accept the desk&apos;s access token (missing or wrong). Check it in Settings → Sync. </translation>
    </message>
    <message>
        <source>Máy chủ trung tâm từ chối dữ liệu: {reason} </source>
        <translation>The central server refused the data: {reason} </translation>
    </message>
    <message>
        <source>mã lỗi HTTP {status}</source>
        <translation>HTTP error {status}</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm đang gặp sự cố (HTTP {status}). {KEEP_MESSAGE} Máy sẽ tự thử lại sau.</source>
        <translation>The central server has a problem (HTTP {status}). {KEEP_MESSAGE} The desk will try again later by itself.</translation>
    </message>
    <message>
        <source>Câu trả lời của máy chủ trung tâm bị cắt ngang. {KEEP_MESSAGE}</source>
        <translation>The central server&apos;s answer was cut off. {KEEP_MESSAGE}</translation>
    </message>
    <message>
        <source>Câu trả lời của máy chủ trung tâm không đúng dạng. {KEEP_MESSAGE}</source>
        <translation>The central server&apos;s answer is malformed. {KEEP_MESSAGE}</translation>
    </message>
    <message>
        <source>Không tải được tệp từ máy chủ trung tâm ({transport_reason}).</source>
        <translation>Cannot download the file from the central server ({transport_reason}).</translation>
    </message>
    <message>
        <source>Không tải được tệp từ máy chủ trung tâm: {reason}.</source>
        <translation>Cannot download the file from the central server: {reason}.</translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ trung tâm phải bắt đầu bằng http:// hoặc https://.</source>
        <translation>The central server address must start with http:// or https://.</translation>
    </message>
    <message>
        <source>Hãy nhập mã truy cập do quản trị hệ thống trung tâm cấp cho quầy.</source>
        <translation>Enter the access token the central system&apos;s administrator issued to this desk.</translation>
    </message>
    <message>
        <source>Đang đồng bộ, hãy chờ lượt hiện tại kết thúc.</source>
        <translation>A sync is running; wait for it to finish.</translation>
    </message>
    <message>
        <source>Đang đồng bộ ở cửa sổ/tiến trình khác trên máy này; lượt này không chạy. Máy sẽ tự thử lại sau.</source>
        <translation>Another window/process on this computer is syncing; this run did not start. The desk will try again later by itself.</translation>
    </message>
    <message>
        <source>Chưa cấu hình đồng bộ: hãy nhập địa chỉ máy chủ trung tâm và mã truy cập trong Cài đặt → Đồng bộ.</source>
        <translation>Sync is not configured: enter the central server address and the access token in Settings → Sync.</translation>
    </message>
    <message>
        <source>Máy này chưa được thiết lập quầy nên chưa thể đồng bộ.</source>
        <translation>This computer is not set up as a desk yet, so it cannot sync.</translation>
    </message>
    <message>
        <source>Câu trả lời của máy chủ trung tâm không đúng dạng.</source>
        <translation>The central server&apos;s answer is malformed.</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm đang chờ sự kiện số {expected} nhưng quầy không còn sự kiện đó (sự kiện chưa gửi đầu tiên là số {first}). Hãy liên hệ quản trị hệ thống trung tâm.</source>
        <translation>The central server expects event number {expected} but the desk no longer has it (the first unsent event is number {first}). Contact the central system&apos;s administrator.</translation>
    </message>
    <message>
        <source>nhanh {hours} giờ {minutes} phút</source>
        <translation>{hours} h {minutes} min fast</translation>
    </message>
    <message>
        <source>nhanh {minutes} phút</source>
        <translation>{minutes} min fast</translation>
    </message>
    <message>
        <source>chậm {hours} giờ {minutes} phút</source>
        <translation>{hours} h {minutes} min slow</translation>
    </message>
    <message>
        <source>chậm {minutes} phút</source>
        <translation>{minutes} min slow</translation>
    </message>
    <message>
        <source>Chưa cấu hình đồng bộ: không hỏi được hệ thống trung tâm.</source>
        <translation>Sync is not configured: the central system cannot be asked.</translation>
    </message>
    <message>
        <source>thiếu tham số bắt buộc</source>
        <translation>the following arguments are required</translation>
    </message>
    <message>
        <source>tham số không nhận ra</source>
        <translation>unrecognized arguments</translation>
    </message>
    <message>
        <source>lựa chọn không hợp lệ</source>
        <translation>invalid choice</translation>
    </message>
    <message>
        <source>chọn một trong</source>
        <translation>choose from</translation>
    </message>
    <message>
        <source>không phải số nguyên</source>
        <translation>invalid int value</translation>
    </message>
    <message>
        <source>cần một giá trị</source>
        <translation>expected one argument</translation>
    </message>
    <message>
        <source>không dùng cùng với</source>
        <translation>not allowed with argument</translation>
    </message>
    <message>
        <source>cần một trong các tham số</source>
        <translation>one of the arguments</translation>
    </message>
    <message>
        <source>là bắt buộc</source>
        <translation>is required</translation>
    </message>
    <message>
        <source>tham số </source>
        <translation>argument </translation>
    </message>
    <message>
        <source>Lỗi: lệnh không hợp lệ ({prog}): {message}. Xem «{prog} --help».</source>
        <translation>Error: invalid command ({prog}): {message}. See “{prog} --help”.</translation>
    </message>
    <message>
        <source>Một Cửa Counter — phần mềm quầy tiếp nhận</source>
        <translation>Một Cửa Counter — reception desk software</translation>
    </message>
    <message>
        <source>Thời điểm «{text}» không đúng dạng YYYY-MM-DD HH:MM.</source>
        <translation>The time “{text}” is not in the form YYYY-MM-DD HH:MM.</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp cơ sở dữ liệu «{path}» (gõ sai --db, tệp bị xóa/đổi tên, hoặc ổ USB/ổ mạng chưa cắm). Lệnh này không tạo quầy mới; để tạo quầy mới dùng «counter-app setup» hoặc mở ứng dụng.</source>
        <translation>Database file «{path}» not found (a mistyped --db, the file deleted or renamed, or the USB/network drive not plugged in). This command does not create a new desk; to create one use «counter-app setup» or open the application.</translation>
    </message>
    <message>
        <source>Tham số --case chỉ dùng cùng --procedure.</source>
        <translation>The option --case only goes with --procedure.</translation>
    </message>
    <message>
        <source>Thời hạn «{duration}» không hợp lệ: dùng «N working days», «N working hours», «N days» hoặc «same day».</source>
        <translation>Invalid duration “{duration}”: use “N working days”, “N working hours”, “N days” or “same day”.</translation>
    </message>
    <message>
        <source>Thủ tục {code} không có trường hợp nào đang áp dụng.</source>
        <translation>Procedure {code} has no case in force.</translation>
    </message>
    <message>
        <source>Thủ tục {code} không có trường hợp «{text}». Các trường hợp: {listing}.</source>
        <translation>Procedure {code} has no case “{text}”. Its cases: {listing}.</translation>
    </message>
    <message>
        <source>Tệp dữ liệu toàn vẹn: đã kiểm tra toàn bộ «{path}».</source>
        <translation>The data file is sound: all of «{path}» was checked.</translation>
    </message>
    <message>
        <source>Đã nạp {total} thủ tục: {created} mới, {updated} cập nhật, {unchanged} không đổi.</source>
        <translation>Loaded {total} procedures: {created} new, {updated} updated, {unchanged} unchanged.</translation>
    </message>
    <message>
        <source>  {i}. {name}: {processing_text}; phí, lệ phí: {fee_text}</source>
        <translation>  {i}. {name}: {processing_text}; fees and charges: {fee_text}</translation>
    </message>
    <message>
        <source>Năm «{year}» không hợp lệ.</source>
        <translation>The year “{year}” is not valid.</translation>
    </message>
    <message>
        <source>làm việc</source>
        <translation>working</translation>
    </message>
    <message>
        <source>Giờ chốt thủ tục trong ngày: {same_day_cutoff}; giờ làm việc thứ Bảy, Chủ nhật tính vào thời hạn: {value}</source>
        <translation>Cut-off time for same-day procedures: {same_day_cutoff}; Saturday and Sunday office hours count towards deadlines: {value}</translation>
    </message>
    <message>
        <source>có</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>không</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Thiếu giờ làm việc, ví dụ «07:00-11:30, 13:30-17:00» (hoặc «» để nghỉ).</source>
        <translation>Office hours missing, e.g. “07:00-11:30, 13:30-17:00” (or “” for closed).</translation>
    </message>
    <message>
        <source>Đã đặt giờ làm việc {weekday}: {value}.</source>
        <translation>Office hours set for {weekday}: {value}.</translation>
    </message>
    <message>
        <source>Đã xóa điều chỉnh ngày {day:%d/%m/%Y}.</source>
        <translation>Removed the adjustment of {day:%d/%m/%Y}.</translation>
    </message>
    <message>
        <source>Đã ghi ngày {day:%d/%m/%Y} là {value}.</source>
        <translation>Recorded {day:%d/%m/%Y} as a {value}.</translation>
    </message>
    <message>
        <source>… {n} hồ sơ</source>
        <translation>… {n} dossiers</translation>
    </message>
    <message>
        <source>Đã tạo {dossiers} hồ sơ mẫu của {applicants} người nộp, từ {first_day:%d/%m/%Y} đến {last_day:%d/%m/%Y}.</source>
        <translation>Created {dossiers} demo dossiers of {applicants} applicants, from {first_day:%d/%m/%Y} to {last_day:%d/%m/%Y}.</translation>
    </message>
    <message>
        <source>Tham số --blank chỉ dùng với --form 06 (phiếu kiểm soát).</source>
        <translation>The option --blank only goes with --form 06 (control slip).</translation>
    </message>
    <message>
        <source>Không ghi được tệp «{out}»: {value}.</source>
        <translation>Cannot write the file “{out}”: {value}.</translation>
    </message>
    <message>
        <source>Đã trả kết quả hồ sơ {code} cho {name} lúc {returned_at}.</source>
        <translation>Returned the result of dossier {code} to {name} at {returned_at}.</translation>
    </message>
    <message>
        <source>Lỗi: không lưu được giấy biên nhận trả kết quả ({value}); việc trả kết quả đã được ghi nhận.</source>
        <translation>Error: the result return receipt could not be saved ({value}); the return itself is recorded.</translation>
    </message>
    <message>
        <source>Giấy biên nhận: {path}</source>
        <translation>Receipt: {path}</translation>
    </message>
    <message>
        <source>(cả hồ sơ)</source>
        <translation>(whole dossier)</translation>
    </message>
    <message>
        <source>Hồ sơ {code} chờ thực hiện nghĩa vụ tài chính; thời gian giải quyết tạm dừng.</source>
        <translation>Dossier {code} awaits the financial obligation; the processing time is paused.</translation>
    </message>
    <message>
        <source>Mật khẩu của {supervisor}: </source>
        <translation>Password of {supervisor}: </translation>
    </message>
    <message>
        <source>Đã thu {amount} của hồ sơ {dossier_code}, biên lai {number}.</source>
        <translation>Collected {amount} for dossier {dossier_code}, receipt {number}.</translation>
    </message>
    <message>
        <source>Hồ sơ tiếp tục giải quyết; hẹn trả mới: {resumed_due}.</source>
        <translation>Processing of the dossier resumes; new appointment: {resumed_due}.</translation>
    </message>
    <message>
        <source>Biên lai: {path}</source>
        <translation>Receipt: {path}</translation>
    </message>
    <message>
        <source>Lỗi: không lưu được biên lai ({value}); khoản thu đã được ghi nhận, in lại bằng: counter-app dossier receipt {number}.</source>
        <translation>Error: the receipt could not be saved ({value}); the payment is recorded, print it again with: counter-app dossier receipt {number}.</translation>
    </message>
    <message>
        <source>… {n}/{total} hồ sơ</source>
        <translation>… {n}/{total} dossiers</translation>
    </message>
    <message>
        <source>Hồ sơ {code} tiếp tục giải quyết; hẹn trả mới: {due}.</source>
        <translation>Processing of dossier {code} resumes; new appointment: {due}.</translation>
    </message>
    <message>
        <source>Đã ghi yêu cầu bổ sung {notice_code}; phiếu (Mẫu số 02): {pdf_path}</source>
        <translation>Recorded supplement request {notice_code}; notice (Form 02): {pdf_path}</translation>
    </message>
    <message>
        <source>người nhận</source>
        <translation>receiver</translation>
    </message>
    <message>
        <source>Đã đính chính hồ sơ {code}: {items}.</source>
        <translation>Corrected dossier {code}: {items}.</translation>
    </message>
    <message>
        <source>Ngày «{text}» không đúng dạng YYYY-MM-DD.</source>
        <translation>The date “{text}” is not in the form YYYY-MM-DD.</translation>
    </message>
    <message>
        <source>Đã lưu: {result}</source>
        <translation>Saved: {result}</translation>
    </message>
    <message>
        <source>, đối chiếu {count} mốc của hệ thống trung tâm</source>
        <translation>, checked against {count} anchors of the central system</translation>
    </message>
    <message>
        <source>Nhật ký toàn vẹn: đã kiểm tra {checked} dòng và trạng thái {entities} hồ sơ, người nộp{against}.</source>
        <translation>The audit log is intact: checked {checked} rows and the state of {entities} dossiers and applicants{against}.</translation>
    </message>
    <message>
        <source>Lưu ý: {note}.</source>
        <translation>Note: {note}.</translation>
    </message>
    <message>
        <source>Nhật ký bị can thiệp{where}: {problem}.</source>
        <translation>The audit log was tampered with{where}: {problem}.</translation>
    </message>
    <message>
        <source>Mật khẩu của tài khoản quản trị: </source>
        <translation>Password of the administrator account: </translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu: </source>
        <translation>Enter the password again: </translation>
    </message>
    <message>
        <source>Chưa có mật khẩu: hãy gõ khi được hỏi, hoặc đưa vào đầu vào chuẩn (ví dụ: printf &apos;%s\n&apos; &quot;$MAT_KHAU&quot; | counter-app setup …).</source>
        <translation>No password given: type it when asked, or pass it on standard input (e.g. printf &apos;%s\n&apos; &quot;$PASSWORD&quot; | counter-app setup …).</translation>
    </message>
    <message>
        <source>Đã thiết lập quầy số {desk_number} của {unit_name} ({unit}); tài khoản quản trị: {admin}.</source>
        <translation>Set up desk {desk_number} of {unit_name} ({unit}); administrator account: {admin}.</translation>
    </message>
    <message>
        <source>Mật khẩu sao lưu: </source>
        <translation>Backup password: </translation>
    </message>
    <message>
        <source>Chưa có mật khẩu sao lưu: đặt biến môi trường {PASSPHRASE_ENV}, nhập khi được hỏi, hoặc để lãnh đạo đặt trong Cài đặt → Sao lưu dữ liệu.</source>
        <translation>No backup password: set the environment variable {PASSPHRASE_ENV}, type it when asked, or have a supervisor set it in Settings → Data backup.</translation>
    </message>
    <message>
        <source>Bản sao lưu tốt: {name}, tạo lúc {created_label}, {dossiers} hồ sơ, {files} tệp số hóa, nhật ký toàn vẹn.</source>
        <translation>The backup is good: {name}, made at {created_label}, {dossiers} dossiers, {files} digitised files, audit log intact.</translation>
    </message>
    <message>
        <source>Đã khôi phục {name} (tạo lúc {created_label}, {dossiers} hồ sơ, {files} tệp số hóa) vào «{target}»; tệp cũ được giữ bên cạnh (.before-restore-…).</source>
        <translation>Restored {name} (made at {created_label}, {dossiers} dossiers, {files} digitised files) to “{target}”; the old file is kept beside it (.before-restore-…).</translation>
    </message>
    <message>
        <source>Quầy sẽ không tiếp nhận hồ sơ cho đến khi đồng bộ với trung tâm (counter-app sync --once), để không cấp trùng mã.</source>
        <translation>The desk will not receive dossiers until it has synced with the central system (counter-app sync --once), so that no code is issued twice.</translation>
    </message>
    <message>
        <source>Đã sao lưu và kiểm tra: {path} ({size:,} byte, {dossiers} hồ sơ, {files} tệp số hóa).</source>
        <translation>Backed up and verified: {path} ({size:,} bytes, {dossiers} dossiers, {files} digitised files).</translation>
    </message>
    <message>
        <source>Cảnh báo: {n} tệp số hóa không còn trên đĩa hoặc bị hỏng nên không có trong bản sao lưu; hãy kiểm tra thư mục lưu trữ.</source>
        <translation>Warning: {n} digitised files are no longer on the disk or are damaged, so they are not in the backup; check the archive folder.</translation>
    </message>
    <message>
        <source>Không nhận mã truy cập trên dòng lệnh (lệnh ps và lịch sử shell sẽ lộ mã): hãy đặt biến môi trường {TOKEN_ENV}, hoặc dùng --ask-token để nhập mã.</source>
        <translation>The access token is not accepted on the command line (ps and the shell history would reveal it): set the environment variable {TOKEN_ENV}, or use --ask-token to type it.</translation>
    </message>
    <message>
        <source>Mã truy cập của quầy: </source>
        <translation>Desk access token: </translation>
    </message>
    <message>
        <source>Chưa nhập mã truy cập.</source>
        <translation>No access token entered.</translation>
    </message>
    <message>
        <source>Lỗi: {message}</source>
        <translation>Error: {message}</translation>
    </message>
    <message>
        <source>Đồng bộ xong: gửi {pushed} sự kiện, nhận {pulled} thay đổi.</source>
        <translation>Sync done: sent {pushed} events, received {pulled} changes.</translation>
    </message>
    <message>
        <source>Cảnh báo: đồng hồ máy quầy {skew_text} so với máy chủ trung tâm; hãy chỉnh lại giờ máy.</source>
        <translation>Warning: the desk computer&apos;s clock is {skew_text} compared with the central server; correct the computer&apos;s time.</translation>
    </message>
    <message>
        <source>Số hồ sơ mẫu phải lớn hơn 0.</source>
        <translation>The number of demo dossiers must be greater than 0.</translation>
    </message>
    <message>
        <source>Chưa có danh mục thủ tục: hãy nạp danh mục trước khi tạo dữ liệu mẫu.</source>
        <translation>There is no procedure catalog yet: import the catalog before creating demo data.</translation>
    </message>
    <message>
        <source>Quá nhiều hồ sơ mẫu cho số ngày đã chọn; hãy tăng --days.</source>
        <translation>Too many demo dossiers for the chosen number of days; increase --days.</translation>
    </message>
</context>
</TS>
