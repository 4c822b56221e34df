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

# Referral news: what changed stays on the portal (a text message can be read over a shoulder).
REFERRAL = {
    "ko": "[{center}] 알선 신청하신 일자리의 진행 상황이 바뀌었습니다. 포털의 '나의 구직'에서 확인해 주십시오. 문의 {phone}",
    "en": "[{center}] There is news about the job you asked to be referred to. Please check 'My job search' on the portal. Questions: {phone}",
    "vi": "[{center}] Có cập nhật về công việc bạn đã xin giới thiệu. Vui lòng xem mục 'Tìm việc của tôi' trên cổng thông tin. Hỏi đáp: {phone}",
    "zh-hans": "【{center}】您申请推荐的职位有新进展，请在门户网站“我的求职”中查看。咨询电话：{phone}",
    "ru": "[{center}] Есть новости по вакансии, на которую вы просили направление. Посмотрите раздел «Мой поиск работы» на портале. Вопросы: {phone}",
    "uz": "[{center}] Yoʻllanma soʻragan ishingiz boʻyicha yangilik bor. Portalning «Mening ish qidiruvim» boʻlimiga qarang. Savollar: {phone}",
    "th": "[{center}] งานที่คุณขอให้แนะนำมีความคืบหน้า โปรดดูที่ 'การหางานของฉัน' บนพอร์ทัล สอบถาม {phone}",
    "ne": "[{center}] तपाईंले सिफारिस माग्नुभएको कामबारे नयाँ जानकारी छ। पोर्टलको 'मेरो रोजगार खोजी' मा हेर्नुहोस्। सोधपुछ: {phone}",
    "km": "[{center}] មានព័ត៌មានថ្មីអំពីការងារដែលអ្នកបានស្នើសុំការណែនាំ។ សូមមើល 'ការស្វែងរកការងាររបស់ខ្ញុំ' នៅលើវិបផតថល។ សួរព័ត៌មាន៖ {phone}",
    "mn": "[{center}] Таны зуучлал хүссэн ажлын талаар шинэ мэдээ байна. Порталын «Миний ажил хайлт» хэсгээс харна уу. Лавлах: {phone}",
}
COMPANY = {
    "ko": "[{center}] 기업 포털 요청을 처리했습니다. 포털의 '우리 회사'에서 확인해 주십시오. 문의 {phone}",
    "en": "[{center}] Your company's request on the portal has been handled. Please check 'Our company' on the portal. Questions: {phone}",
    "vi": "[{center}] Yêu cầu của doanh nghiệp bạn trên cổng thông tin đã được xử lý. Vui lòng xem mục 'Công ty chúng tôi'. Hỏi đáp: {phone}",
    "zh-hans": "【{center}】贵公司在门户网站提交的申请已处理，请在“我的公司”中查看。咨询电话：{phone}",
    "ru": "[{center}] Запрос вашей компании на портале обработан. Посмотрите раздел «Наша компания». Вопросы: {phone}",
    "uz": "[{center}] Korxonangizning portaldagi soʻrovi koʻrib chiqildi. «Bizning korxona» boʻlimiga qarang. Savollar: {phone}",
    "th": "[{center}] คำขอของบริษัทคุณบนพอร์ทัลได้รับการดำเนินการแล้ว โปรดดูที่ 'บริษัทของเรา' สอบถาม {phone}",
    "ne": "[{center}] पोर्टलमा तपाईंको कम्पनीको अनुरोधमाथि काम भयो। 'हाम्रो कम्पनी' मा हेर्नुहोस्। सोधपुछ: {phone}",
    "km": "[{center}] សំណើរបស់ក្រុមហ៊ុនអ្នកនៅលើវិបផតថលត្រូវបានដោះស្រាយហើយ។ សូមមើល 'ក្រុមហ៊ុនរបស់យើង'។ សួរព័ត៌មាន៖ {phone}",
    "mn": "[{center}] Танай байгууллагын порталаар илгээсэн хүсэлтийг шийдвэрлэлээ. «Манай байгууллага» хэсгээс харна уу. Лавлах: {phone}",
}
# The interview's day and time, set by the counselor (or the booth); the employer and place stay on the portal.
INTERVIEW = {
    "ko": "[{center}] 면접 일시가 정해졌습니다: {when}. 자세한 내용은 포털의 '나의 구직'에서 확인해 주십시오. 문의 {phone}",
    "en": "[{center}] Your interview is set for {when}. Please see 'My job search' on the portal for the details. Questions: {phone}",
    "vi": "[{center}] Lịch phỏng vấn của bạn: {when}. Vui lòng xem chi tiết ở mục 'Tìm việc của tôi' trên cổng thông tin. Hỏi đáp: {phone}",
    "zh-hans": "【{center}】您的面试时间已确定：{when}。详情请在门户网站“我的求职”中查看。咨询电话：{phone}",
    "ru": "[{center}] Ваше собеседование назначено на {when}. Подробности — в разделе «Мой поиск работы» на портале. Вопросы: {phone}",
    "uz": "[{center}] Suhbatingiz vaqti belgilandi: {when}. Batafsil maʼlumotni portalning «Mening ish qidiruvim» boʻlimida koʻring. Savollar: {phone}",
    "th": "[{center}] นัดสัมภาษณ์ของคุณคือ {when} ดูรายละเอียดได้ที่ 'การหางานของฉัน' บนพอร์ทัล สอบถาม {phone}",
    "ne": "[{center}] तपाईंको अन्तर्वार्ता {when} मा तय भएको छ। विस्तृत जानकारी पोर्टलको 'मेरो रोजगार खोजी' मा हेर्नुहोस्। सोधपुछ: {phone}",
    "km": "[{center}] ការសម្ភាសន៍របស់អ្នកត្រូវបានកំណត់នៅ {when}។ សូមមើលព័ត៌មានលម្អិតនៅ 'ការស្វែងរកការងាររបស់ខ្ញុំ' លើវិបផតថល។ សួរព័ត៌មាន៖ {phone}",
    "mn": "[{center}] Таны ярилцлага {when}-д товлогдлоо. Дэлгэрэнгүйг порталын «Миний ажил хайлт» хэсгээс харна уу. Лавлах: {phone}",
}

# The day before a hiring event the person signed up for (the event's name and place as the center wrote them).
EVENT = {
    "ko": "[{center}] 신청하신 채용행사가 내일입니다: {event}, {when}, {place}. 참가권은 포털의 '나의 구직'에서 보실 수 있습니다. 문의 {phone}",
    "en": "[{center}] The hiring event you signed up for is tomorrow: {event}, {when}, {place}. Your ticket is under 'My job search' on the portal. Questions: {phone}",
    "vi": "[{center}] Ngày hội tuyển dụng bạn đã đăng ký diễn ra vào ngày mai: {event}, {when}, {place}. Vé tham dự có ở mục 'Tìm việc của tôi' trên cổng thông tin. Hỏi đáp: {phone}",
    "zh-hans": "【{center}】您报名的招聘会将于明天举行：{event}，{when}，{place}。参会券可在门户网站“我的求职”中查看。咨询电话：{phone}",
    "ru": "[{center}] Ярмарка вакансий, на которую вы записались, пройдёт завтра: {event}, {when}, {place}. Билет — в разделе «Мой поиск работы» на портале. Вопросы: {phone}",
    "uz": "[{center}] Siz roʻyxatdan oʻtgan ish yarmarkasi ertaga boʻladi: {event}, {when}, {place}. Chiptangiz portalning «Mening ish qidiruvim» boʻlimida. Savollar: {phone}",
    "th": "[{center}] งานนัดพบแรงงานที่คุณลงทะเบียนไว้จะจัดขึ้นพรุ่งนี้: {event}, {when}, {place} ดูบัตรเข้างานได้ที่ 'การหางานของฉัน' บนพอร์ทัล สอบถาม {phone}",
    "ne": "[{center}] तपाईंले दर्ता गर्नुभएको रोजगार मेला भोलि हुँदैछ: {event}, {when}, {place}। प्रवेशपत्र पोर्टलको 'मेरो रोजगार खोजी' मा छ। सोधपुछ: {phone}",
    "km": "[{center}] ពិព័រណ៍ការងារដែលអ្នកបានចុះឈ្មោះនឹងប្រព្រឹត្តទៅនៅថ្ងៃស្អែក៖ {event}, {when}, {place}។ សំបុត្រចូលរួមមាននៅ 'ការស្វែងរកការងាររបស់ខ្ញុំ' លើវិបផតថល។ សួរព័ត៌មាន៖ {phone}",
    "mn": "[{center}] Таны бүртгүүлсэн ажлын байрны үзэсгэлэн маргааш болно: {event}, {when}, {place}. Оролцох тасалбар порталын «Миний ажил хайлт» хэсэгт байна. Лавлах: {phone}",
}

# The day before a session of a program the person was selected for (the program's name and place as the center wrote them).
PROGRAM = {
    "ko": "[{center}] 참여하시는 '{program}' 일정이 내일 있습니다: {when}, {place}. 참석이 어려우시면 미리 연락해 주십시오. 문의 {phone}",
    "en": "[{center}] Your program '{program}' meets tomorrow: {when}, {place}. If you cannot attend, please let us know in advance. Questions: {phone}",
    "vi": "[{center}] Chương trình '{program}' bạn tham gia có lịch vào ngày mai: {when}, {place}. Nếu không thể tham dự, vui lòng báo trước cho chúng tôi. Hỏi đáp: {phone}",
    "zh-hans": "【{center}】您参加的“{program}”明天有安排：{when}，{place}。如无法参加，请提前告知我们。咨询电话：{phone}",
    "ru": "[{center}] Напоминаем, что завтра состоится занятие программы «{program}», в которой вы участвуете: {when}, {place}. Если не сможете прийти, сообщите нам заранее. Вопросы: {phone}",
    "uz": "[{center}] Siz qatnashayotgan «{program}» dasturi ertaga boʻladi: {when}, {place}. Kela olmasangiz, iltimos, oldindan xabar bering. Savollar: {phone}",
    "th": "[{center}] โครงการ '{program}' ที่คุณเข้าร่วมมีกำหนดการในวันพรุ่งนี้: {when}, {place} หากไม่สามารถมาได้ โปรดแจ้งให้เราทราบล่วงหน้า สอบถาม {phone}",
    "ne": "[{center}] तपाईं सहभागी हुनुभएको '{program}' कार्यक्रम भोलि छ: {when}, {place}। आउन नसक्ने भए कृपया पहिले नै जानकारी दिनुहोस्। सोधपुछ: {phone}",
    "km": "[{center}] កម្មវិធី '{program}' ដែលអ្នកចូលរួមមាននៅថ្ងៃស្អែក៖ {when}, {place}។ ប្រសិនបើអ្នកមិនអាចមកបាន សូមជូនដំណឹងមកយើងជាមុន។ សួរព័ត៌មាន៖ {phone}",
    "mn": "[{center}] Таны оролцож буй «{program}» хөтөлбөр маргааш болно: {when}, {place}. Ирэх боломжгүй бол урьдчилан мэдэгдэнэ үү. Лавлах: {phone}",
}
