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

# Before a seeker's personal data is erased at the end of the city's 보유기간 (with the center's number appended).
RETENTION = {
    "ko": "[{center}] 마지막 상담 후 개인정보 보유기간이 지나 {date}에 등록하신 구직 정보를 파기할 예정입니다. 계속 이용하시려면 그 전에 센터로 연락해 주십시오.",
    "en": "[{center}] Your job-seeker record will be deleted on {date}, as the retention period since your last contact with us has ended. To keep using our services, please contact the center before then.",
    "vi": "[{center}] Hồ sơ tìm việc của bạn sẽ bị xóa vào ngày {date} vì đã hết thời gian lưu giữ kể từ lần liên hệ cuối. Nếu muốn tiếp tục sử dụng dịch vụ, vui lòng liên hệ trung tâm trước ngày đó.",
    "zh-hans": "【{center}】您的求职登记信息自最后一次联系起已超过保存期限，将于{date}删除。如需继续使用服务，请在此之前联系中心。",
    "ru": "[{center}] Ваша анкета соискателя будет удалена {date}: истёк срок её хранения с вашего последнего обращения. Чтобы и дальше пользоваться услугами, свяжитесь с центром до этой даты.",
    "uz": "[{center}] Oxirgi murojaatingizdan beri saqlash muddati tugagani sababli ish izlovchi ma’lumotlaringiz {date} kuni o‘chiriladi. Xizmatlardan foydalanishni davom ettirmoqchi bo‘lsangiz, shu sanagacha markazga murojaat qiling.",
    "th": "[{center}] ข้อมูลผู้หางานของคุณจะถูกลบในวันที่ {date} เนื่องจากครบระยะเวลาการเก็บรักษานับจากการติดต่อครั้งล่าสุด หากต้องการใช้บริการต่อ โปรดติดต่อศูนย์ก่อนวันดังกล่าว",
    "ne": "[{center}] अन्तिम सम्पर्कदेखि भण्डारण अवधि सकिएकाले तपाईंको रोजगार खोजी विवरण {date} मा मेटाइनेछ। सेवा लिइरहन चाहनुहुन्छ भने कृपया त्यसअघि केन्द्रमा सम्पर्क गर्नुहोस्।",
    "km": "[{center}] ព័ត៌មានអ្នកស្វែងរកការងាររបស់អ្នកនឹងត្រូវលុបនៅថ្ងៃទី {date} ដោយសារផុតរយៈពេលរក្សាទុកគិតពីការទាក់ទងចុងក្រោយ។ ប្រសិនបើចង់បន្តប្រើសេវា សូមទាក់ទងមជ្ឈមណ្ឌលមុនថ្ងៃនោះ។",
    "mn": "[{center}] Сүүлд холбогдсоноос хойш хадгалах хугацаа дууссан тул таны ажил хайгчийн мэдээллийг {date}-нд устгана. Үйлчилгээг үргэлжлүүлэн авах бол тэр өдрөөс өмнө төвтэй холбогдоно уу.",
}
