"""The texts of messages to the public, in the portal's languages.

Written per language rather than through gettext: an SMS is a short sentence with placeholders, and a
person must get it in their own language even when the web pages of that language are still missing.
A city adds a language by adding its line to each table.
"""

CODE = {
    "ko": "[{center}] 인증번호는 {code}입니다. {minutes}분 안에 입력해 주십시오. 요청하지 않으셨다면 이 문자를 무시해 주십시오.",
    "en": "[{center}] Your verification code is {code}. Please enter it within {minutes} minutes. If you did not ask for it, ignore this message.",
    "vi": "[{center}] Mã xác minh của bạn là {code}. Vui lòng nhập trong vòng {minutes} phút. Nếu bạn không yêu cầu, hãy bỏ qua tin nhắn này.",
    "zh-hans": "【{center}】您的验证码是{code}，请在{minutes}分钟内输入。如非本人操作，请忽略本短信。",
    "ru": "[{center}] Ваш код подтверждения: {code}. Введите его в течение {minutes} мин. Если вы его не запрашивали, не обращайте внимания на это сообщение.",
    "uz": "[{center}] Tasdiqlash kodingiz: {code}. Uni {minutes} daqiqa ichida kiriting. Agar siz so‘ramagan bo‘lsangiz, bu xabarga e’tibor bermang.",
    "th": "[{center}] รหัสยืนยันของคุณคือ {code} กรุณากรอกภายใน {minutes} นาที หากคุณไม่ได้ขอรหัสนี้ โปรดเพิกเฉยต่อข้อความนี้",
    "ne": "[{center}] तपाईंको प्रमाणीकरण कोड {code} हो। कृपया {minutes} मिनेटभित्र प्रविष्ट गर्नुहोस्। तपाईंले यो माग्नुभएको होइन भने यो सन्देशलाई बेवास्ता गर्नुहोस्।",
    "km": "[{center}] លេខកូដផ្ទៀងផ្ទាត់របស់អ្នកគឺ {code}។ សូមបញ្ចូលវាក្នុងរយៈពេល {minutes} នាទី។ ប្រសិនបើអ្នកមិនបានស្នើសុំទេ សូមកុំខ្វល់នឹងសារនេះ។",
    "mn": "[{center}] Таны баталгаажуулах код: {code}. Үүнийг {minutes} минутын дотор оруулна уу. Хэрэв та хүсээгүй бол энэ мессежийг үл тоомсорлоно уу.",
}
