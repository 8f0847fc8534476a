## Citizen bot

welcome =
    您好，这里是「民声」——区政府群众诉求受理平台。
    您可以在这里提交投诉举报，我们会把它交给负责的部门，并在法定期限内答复您。
privacy-notice =
    隐私说明
    · 我们收集：您描述的事项、地点、照片和文件，以及（如您选择实名）姓名和手机号。
    · 用途：仅用于受理、转办、调查和答复您的诉求。
    · 谁能看到：承办部门的工作人员。他们看不到您的 Telegram 账号；匿名反映时也看不到您的姓名和电话。
    · 保存期限：填写到一半的表单 { $formDays } 天无操作即删除；事项办结后保存 { $retentionDays } 天（约 { $retentionYears } 年），期满即匿名化，只留下不含个人信息的统计记录；没有事项、{ $retentionDays } 天未使用的账户记录删除。
    · 撤回同意：随时发送 /forget，未办结的事项撤回，个人信息立即匿名化。
    请点击「同意并继续」。
btn-consent = 同意并继续
btn-language-en = English
btn-language-zh = 中文
consent-recorded = 已记录您的同意。发送 /new 提交投诉举报，/mycases 查看您的事项。
consent-required = 请先阅读上面的隐私说明并点击「同意并继续」，然后才能提交事项。
consent-first = 提交事项前，请先阅读下面的隐私说明，并点击「同意并继续」。
language-switched = 已切换为中文。
forget-explain =
    撤回同意并删除个人信息
    · 您尚未办结的事项将被撤回，承办部门会收到通知，不再办理。
    · 正在填写的表单立即删除。
    · 您所有事项中的个人信息（姓名、电话、身份证号、描述、地点、照片和文件、往来消息和答复）立即匿名化，不必等到办结后 { $retentionDays } 天。按档案管理规定，只保留不含个人信息的事项记录（编号、类别、部门、日期、状态）。
    · 此后我们不再处理您的消息，也不再给您发任何消息。发送 /start 可重新阅读隐私说明并再次同意。
    此操作无法撤销。确定吗？
btn-forget-confirm = 确认撤回并删除
btn-forget-cancel = 不，保留
forget-kept = 好的，没有做任何改动。
forget-done = 已撤回您的同意：{ $withdrawn } 件未办结事项已撤回，{ $anonymised } 件事项中的个人信息已匿名化，填写中的表单已删除。此后我们不再处理您的信息，也不再给您发消息。如需再次使用，请发送 /start。
consent-withdrawn-inactive = 您已撤回对个人信息处理的同意，我们不再处理您的消息。如需再次使用，请发送 /start 阅读隐私说明并同意。
help =
    可用命令：
    /new — 提交投诉举报
    /disclose — 申请政府信息公开
    /mediate — 申请调解
    /mycases — 我的事项
    /status 编号 — 查询某一事项，例如 /status MS-2026-000123
    /language — 切换语言（中文 / English）
    /cancel — 取消正在填写的内容
    /forget — 撤回同意并删除个人信息
free-text-hint = 我收到了您的消息。要提交投诉举报，请发送 /new；查看已提交的事项，请发送 /mycases。
hint-complaint = 听起来您想投诉或举报。请发送 /new，按提示填写，我们会交给负责的部门并按期答复您。
hint-disclosure = 这听起来像一份政府信息公开申请。请发送 /disclose，按提示填写申请。
hint-mediation = 这听起来像一项纠纷。如需申请调解，请发送 /mediate。
intake-what = 第 1 步（共 4 步）：请描述发生了什么——时间、经过、涉及的单位或人员，越具体越好。
intake-too-short = 太短了：至少要 { $min } 个字，您写了 { $count } 个（一个表情算一个字，空格和看不见的字符不算）。请再具体一些。
intake-too-long = 太长了：最多 { $max } 个字，您发了 { $count } 个。请精简后再发。
intake-text-expected = 请用文字回答这一步，或发送 /cancel 取消。
intake-where = 第 2 步：事情发生在哪里？请输入地址或地点（例如：某某路 12 号小区东门）。
intake-photo = 第 3 步：如有照片或文件（PDF、图片、Word/Excel 等），现在可以发送（可发多个，发完点「完成」）；没有请点「跳过」。照片中的位置信息会在转给工作人员前删除；如希望保留，请先点「保留照片位置」。
intake-photo-added = 已收到第 { $count } 张照片。可继续发送，或点「完成」。
intake-file-added = 已收到文件「{ $name }」（共 { $count } 个附件）。可继续发送，或点「完成」。
intake-photo-expected = 请发送照片或文件，或点「跳过」/「完成」。
intake-location-kept = 好的，之后发送的照片将保留其中的位置信息。
btn-keep-location = 保留照片位置
media-too-large = 文件太大（{ $size } MB），上限为 { $max } MB，未能接收。请压缩或拆分后再发送。
media-unsupported = 这种文件无法接收。请发送照片、PDF、图片（JPG、PNG、WebP）或 Office 文档（Word、Excel、PPT）。
media-caption-form = { $number } · 群众提交的附件（{ $count } 个）
media-caption-reply = { $number } · 群众回复的附件（{ $count } 个）
media-caption-answer = { $number } · 答复附件（{ $count } 个）
reply-file-only = （附件）
staff-file-attached = 已附上「{ $name }」（共 { $count } 个附件）。可继续发送文件，或输入答复正文。
btn-skip = 跳过
btn-done = 完成
intake-identity = 第 4 步：您希望实名还是匿名反映？实名便于我们联系您核实；匿名时承办人员看不到任何身份信息。
btn-named = 实名
btn-anonymous = 匿名
intake-name = 请输入您的姓名。
intake-phone = 请输入您的手机号码（11 位，例如 13800138000）。
intake-phone-invalid = 手机号码格式不对：应为 1 开头的 11 位数字。请重新输入。
intake-summary =
    请核对：
    类型：{ $kind }
    事项：{ $text }
    地点：{ $location }
    附件（照片、文件）：{ $photos } 个
    身份：{ $identity }
identity-anonymous = 匿名
identity-named = 实名（{ $name }，{ $phone }）
btn-submit = 确认提交
btn-edit = 修改
btn-cancel = 取消
intake-edit-which = 要修改哪一项？
btn-edit-text = 事项描述
btn-edit-location = 地点
btn-edit-identity = 身份
intake-cancelled = 已取消，没有提交任何内容。需要时发送 /new 重新开始。
intake-choose-button = 请点击上面的按钮选择。
intake-submitted =
    已受理。事项编号：{ $number }
    我们将在 { $due } 前答复您。分派到的部门确定后会马上通知您。
    查询进度：/status { $number }
intake-already-submitted = 这份事项已经提交过了，编号 { $number }。
mycases-empty = 您还没有提交过事项。发送 /new 提交投诉举报。
mycases-header = 您最近的事项：
mycases-line = { $number } · { $status } · { $department } · 答复期限 { $due }
status-usage = 用法：/status 事项编号，例如 /status MS-2026-000123
status-not-found = 没有找到编号为 { $number } 的事项（只能查询您本人提交的事项）。
status-detail =
    事项 { $number }
    类型：{ $kind }
    状态：{ $status }
    承办部门：{ $department }
    答复期限：{ $due }
    提交时间：{ $created }
department-pending = 正在分派
reply-relayed = 已收到您对 { $number } 的回复，正在转交承办人员；如未能转达，我们会告诉您。
reply-which-case = 您有多个事项在等待您的回复，请先点选要回复的事项：
reply-pick-first = 请先点选要回复的事项，再发送回复内容。
reply-now = 请发送您对 { $number } 的回复。
# Notifications to citizens
notify-routed = 您的事项 { $number } 已交由「{ $department }」办理，答复期限 { $due }。
notify-assigned = 您的事项 { $number } 已分派给「{ $department }」办理，答复期限 { $due }。
notify-transferred = 您的事项 { $number } 已转由「{ $department }」办理，答复期限 { $due }。
notify-linked = 您反映的问题（{ $number }）与正在办理的事项 { $master } 相同，已并案办理（并单），办理结果会同时告诉您。
notify-accepted = 「{ $department }」已签收您的事项 { $number }，正在办理。
notify-question =
    关于您的事项 { $number }，承办人员想了解：
    { $question }
    请直接回复这条消息的内容。
notify-answered =
    您的事项 { $number } 已办结。答复如下：
    { $answer }
    您对办理结果满意吗？
btn-satisfied = 满意
btn-unsatisfied = 不满意
rate-thanks = 感谢您的评价！事项 { $number } 已办结。
rate-already = 这份答复已经评价过了。
# Statuses and kinds
status-SUBMITTED = 已提交
status-PENDING_DISPATCH = 待分派
status-ASSIGNED = 已分派
status-IN_PROGRESS = 办理中
status-AWAITING_CITIZEN = 等待您的回复
status-AWAITING_CORRECTION = 等待您补正
status-CLOSED = 已办结
status-REOPENED = 复查中
kind-COMPLAINT = 投诉举报
kind-DISCLOSURE = 政府信息公开申请
kind-MEDIATION = 调解申请
priority-URGENT = 紧急
priority-NORMAL = 一般
error-generic = 抱歉，系统出了点问题，您的内容没有丢失。请稍后再试。
button-expired = 这个按钮已失效。

calendar-fallback = 注意：系统还没有国务院公布的 { $year } 年放假和调休安排。{ $year } 年的期限暂按《全国年节及纪念日放假办法》规定的法定节假日（含补假）和周一至周五计算，调休尚未计入，期限可能变动几天。国务院公布安排后，请管理员用 npm run calendar:load 导入。

# Disclosure requests
disclose-intro = 政府信息公开申请（依据《政府信息公开条例》）。我们会在收到申请之日起 20 个工作日内答复。如有相关材料（照片、PDF、Word 等），可在回答文字问题时随时发送。随时发送 /cancel 取消。
disclose-applicant = 您是以个人还是单位名义申请？
btn-as-person = 个人
btn-as-organisation = 法人或其他组织
disclose-organisation = 请输入单位名称。
disclose-name = 请输入申请人姓名（单位申请请填法定代表人或负责人姓名）。
disclose-id = 请输入身份证号码（18 位）。工作人员只能看到部分号码。
disclose-id-invalid = 身份证号码不正确（{ $reason }），请重新输入。
id-invalid-format = 应为 17 位数字加 1 位数字或 X
id-invalid-birthdate = 出生日期不对
id-invalid-checksum = 校验位不对
disclose-phone = 请输入联系电话（手机号）。
disclose-address = 请输入通信地址或电子邮箱，用于送达答复。
disclose-wanted = 请描述您申请公开的政府信息：文件名称、文号，或其他便于查找的特征。
disclose-form = 希望以什么形式获取信息？
btn-form-electronic = 电子文本
btn-form-paper = 纸质文本
disclose-delivery = 希望怎样获取？
btn-delivery-email = 电子邮件
btn-delivery-post = 邮寄
btn-delivery-pickup = 当面领取
disclose-summary =
    请核对：
    类型：政府信息公开申请
    申请人：{ $applicant }
    身份证：{ $id }
    电话：{ $phone }
    地址/邮箱：{ $address }
    申请公开的信息：{ $text }
    形式：{ $form }；获取方式：{ $delivery }
disclosure-form-electronic = 电子文本
disclosure-form-paper = 纸质文本
disclosure-delivery-email = 电子邮件
disclosure-delivery-post = 邮寄
disclosure-delivery-pickup = 当面领取
notify-correction =
    关于您的信息公开申请 { $number }，需要您补正：
    { $question }
    请直接回复补正后的内容。在您补正之前，答复期限暂停计算。
notify-correction-received = 已收到您对 { $number } 的补正。答复期限自今日重新计算，将在 { $due } 前答复您。
notify-correction-expired = 您的信息公开申请 { $number } 在补正期限内没有收到补正，经承办人确认，依照《政府信息公开条例》第三十条视为放弃申请，不再处理。您可以重新提交申请。
notify-extended = 您的信息公开申请 { $number } 经批准延长答复期限 { $days } 个工作日，将在 { $due } 前答复您。
notify-disclosure-answered =
    您的信息公开申请 { $number } 已答复。
    答复类型：{ $type }
    { $answer }

    { $remedy }
    { $routes }
remedy-either = 如对本答复不服，可以自收到答复之日起 60 日内向{ $body }申请行政复议（《行政复议法》第二十条），也可以自收到答复之日起 6 个月内向人民法院提起行政诉讼（《行政诉讼法》第四十六条）。
remedy-reconsideration_first = 本答复属于不予公开（含不予提供、不予处理）。依照《行政复议法》第二十三条第一款第四项，如对本答复不服，应当先自收到答复之日起 60 日内向{ $body }申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起 15 日内向人民法院提起行政诉讼（《行政诉讼法》第四十五条）。
remedy-withheld_first = 对其中不予公开的部分不服的，依照《行政复议法》第二十三条第一款第四项，应当先自收到答复之日起 60 日内向{ $body }申请行政复议，对行政复议决定不服的，可以自收到决定书之日起 15 日内向人民法院提起行政诉讼；对已公开的部分不服的，可以在 60 日内向{ $body }申请行政复议，也可以在 6 个月内向人民法院提起行政诉讼。
disclosure-routes = 您认为行政机关在政府信息公开工作中侵犯了您的合法权益的，还可以向{ $oversight }投诉、举报（《政府信息公开条例》第五十一条）。
reply-type-already_public = 已主动公开（告知获取方式）
reply-type-disclosed = 予以公开
reply-type-partly_disclosed = 部分公开
reply-type-not_disclosed = 不予公开（说明法定理由）
reply-type-does_not_exist = 信息不存在
reply-type-not_held = 非本机关掌握（告知掌握机关）
reply-type-repeat_request = 重复申请
reply-type-not_a_request = 不属于信息公开申请（告知办理渠道）
reply-type-special_procedure = 依特别规定办理（工商、不动产登记资料等）
reply-type-unreasonable_volume = 数量、频次明显超过合理范围，不予处理
reply-type-requires_compilation = 需要加工、分析，不予提供
reply-type-publication = 公开出版物（告知获取途径）

# Mediation applications
mediate-intro = 调解申请。调解遵循自愿原则：我们会邀请对方当事人，对方同意后由调解员组织调解。如有相关材料（照片、PDF、Word 等），可在回答文字问题时随时发送。随时发送 /cancel 取消。
form-file-kept = 已收到文件「{ $name }」，将随申请一并提交（共 { $count } 个附件）。请继续回答上面这一步。
form-files-full = 最多可附 { $max } 个文件，这个文件未接收。请继续回答上面这一步。
mediate-name = 请输入您的姓名。
mediate-other-name = 对方当事人的姓名或单位名称？
mediate-other-contact = 怎样联系对方？（电话或地址）
mediate-type = 纠纷属于哪一类？
dispute-neighbours = 邻里纠纷
dispute-family = 婚姻家庭
dispute-labour = 劳动争议
dispute-land_property = 土地房产
dispute-resource_development = 资源开发
dispute-environmental_pollution = 环境污染
dispute-public_safety = 安全事故
dispute-consumer = 消费纠纷
dispute-other = 其他
mediate-facts = 请说明纠纷的事实经过。
mediate-request = 您希望达成什么结果？（例如赔偿金额、停止侵害）
mediate-people = 纠纷涉及多少人？请输入数字。
mediate-people-invalid = 请输入 1 到 100000 之间的整数。
mediate-summary =
    请核对：
    类型：调解申请（{ $type }）
    申请人：{ $name }，{ $phone }
    对方当事人：{ $other }
    事实经过：{ $text }
    请求：{ $request }
    涉及人数：{ $people }
btn-party-accept = 同意调解
btn-party-decline = 不同意
party-invite-invalid = 这个调解邀请已失效或已经答复过了。
party-thanks-accept = 感谢您同意参加调解，调解员会与您联系。
party-thanks-decline = 已记录您不同意调解。
notify-party-accepted = 对方当事人已同意参加 { $number } 的调解，调解员会与双方联系。
notify-party-declined =
    对方当事人不同意调解，{ $number } 已终止。
    调解遵循自愿原则。您可以向人民法院起诉，劳动争议可以申请劳动人事争议仲裁，也可以通过其他合法途径解决。
notify-mediation-agreement =
    { $number } 调解成功，双方达成调解协议：
    { $agreement }
    提示：调解协议生效之日起 30 日内，双方可以共同向人民法院申请司法确认。我们之后会回访协议的履行情况。
notify-mediation-no_agreement =
    { $number } 调解未能达成协议，调解终止。
    您可以向人民法院起诉，劳动争议可以申请仲裁，也可以通过其他合法途径解决。
notify-mediation-withdrawn = { $number } 的调解申请已撤回，调解终止。
notify-mediation-declined = { $number } 的调解因对方不同意而终止。
notify-followup = 回访：{ $number } 的调解协议履行了吗？
btn-carried-out = 已履行
btn-not-carried-out = 未履行
followup-thanks = 感谢您的反馈，已转告调解员。

## Staff bot

staff-joined = 欢迎，{ $name }！您已加入「民声」，角色：{ $role }{ $department }。新事项会发送到这里。
staff-invite-unknown = 邀请链接无效。请向管理员索取新的邀请链接。
staff-invite-used = 这个邀请链接已经用过了。每个链接只能用一次。
staff-invite-expired = 这个邀请链接已过期，请向管理员索取新的。
staff-invite-already_staff = 您已经是工作人员了，无需再次加入。
staff-not-registered = 这是「民声」工作人员机器人。请使用管理员发给您的邀请链接加入。
staff-help =
    您好，{ $name }（{ $role }）。
    新事项会以卡片形式发给您，用卡片上的按钮办理。
    /overdue — 逾期和即将到期的事项
    /cancel — 取消正在输入的内容
role-HANDLER = 承办人
role-DISPATCHER = 分拨员
role-SUPERVISOR = 部门负责人
role-ADMIN = 管理员
staff-card =
    【{ $kind }】{ $number } · { $priority }
    状态：{ $status }
    答复期限：{ $due }
    事项：{ $text }
    地点：{ $location }
    附件（照片、文件）：{ $photos } 个
    诉求人：{ $contact }
contact-anonymous = 匿名（不显示身份信息）
contact-named = { $name }，{ $phone }
btn-accept = 签收
btn-ask = 询问群众
btn-return = 退回分拨
btn-transfer = 转办
btn-correction = 要求补正
btn-extension = 申请延期
btn-approve-extension = 批准延期
btn-reject-extension = 不批准
btn-answer = 答复并办结
staff-ask-prompt = 请输入要问群众的问题（{ $number }）。发送 /cancel 放弃。
staff-return-prompt = 请输入退回分拨的理由（{ $number }）。发送 /cancel 放弃。
staff-answer-prompt = 请输入给群众的答复（{ $number }），发送后事项即办结。如需附上文件（如公开的政府信息），先发送文件，或发送文件时把答复写在说明里。发送 /cancel 放弃。
staff-text-expected = 请发送文字，或发送 /cancel 放弃。
staff-input-cancelled = 已放弃，事项没有变化。
staff-accepted = 已签收 { $number }。
staff-asked = 问题已提交，正在发给群众（{ $number }）；如未能送达会告诉您。对方回复后会发给您。
staff-returned = 已将 { $number } 退回分拨。
staff-answered = 答复已提交，{ $number } 已办结；正在发给群众，如未能送达会告诉您。
staff-forbidden = 您无权处理这个事项（它不属于您的部门）。没有做任何改动。
staff-not-allowed = 这个操作现在不能进行：{ $number } 的状态是「{ $status }」。没有做任何改动。
staff-not-found = 找不到这个事项。没有做任何改动。
staff-citizen-reply =
    群众对 { $number } 的回复：
    { $text }
staff-rated = 群众对 { $number } 的答复表示满意。
staff-withdrawn = 群众已撤回事项 { $number }，事项已办结，无需继续办理。理由：{ $reason }
staff-escalated = 这个事项需要人工分派（{ $reason }）。请选择承办部门：
staff-returned-to-dispatch = { $number } 被退回分拨，理由：{ $reason }。请重新选择承办部门：
classifier-unsure = 系统把握不足：{ $top }（自动分派需把握 ≥ { $threshold }）；主要依据：{ $words }
classifier-no-department = 系统没有找到对应的部门
classifier-department-unstaffed = 系统判断属于「{ $department }」，但该部门还没有承办人或负责人，请分派
staff-transfer-pick = 要把 { $number } 转给哪个部门办理？
staff-transferred = 已将 { $number } 转交「{ $department }」办理。
staff-assigned = 已将 { $number } 分派给「{ $department }」。
staff-due-soon = 提醒：{ $number } 的答复期限是 { $due }，请抓紧办理。
staff-urged = 部门负责人催办：{ $number } 请尽快办理，答复期限 { $due }。
staff-overdue = ⚠ { $number } 已超过答复期限（{ $due }），仍未办结。
staff-urge-sent = 已向承办人催办 { $number }。
digest-header = 逾期和即将到期的事项（{ $date }）
digest-empty = 没有逾期或 3 个工作日内到期的事项。
digest-department = 【{ $department }】逾期 { $overdue } 件，即将到期 { $soon } 件
digest-line-overdue = ⚠ { $number } · { $status } · 已逾期 { $days } 个工作日（期限 { $due }）
digest-line-soon = ⏰ { $number } · { $status } · { $due } 到期
digest-more = （续 { $part }/{ $parts }）
digest-replies = 【行政复议答复】本部门作为被申请人，有 { $count } 件书面答复逾期或即将到期（行政复议法第四十八条：收到申请书副本之日起 10 个工作日内提出书面答复，并提交证据和依据）
digest-line-reply-overdue = ⚠ { $number } · 答复已逾期（期限 { $due }）
digest-line-reply-soon = ⏰ { $number } · 答复 { $due } 到期
btn-urge = 催办 { $number }
staff-card-disclosure =
    申请人：{ $applicant }（身份证 { $id }）
    电话：{ $phone }；地址/邮箱：{ $address }
    形式：{ $form }；获取方式：{ $delivery }
staff-correction-prompt = 请输入需要申请人补正的内容（{ $number }）。补正期间答复期限暂停。发送 /cancel 放弃。
staff-correction-sent = 补正要求已发给申请人（{ $number }），期限暂停。
staff-correction-received =
    申请人已补正 { $number }：
    { $text }
    答复期限重新计算，新期限 { $due }。
staff-correction-expired = { $number } 的申请人逾期未补正，已确认视为放弃申请，事项已办结。
staff-extension-days = 申请延长多少个工作日？（1 至 20）发送 /cancel 放弃。
staff-extension-days-invalid = 请输入 1 到 20 之间的整数。
staff-extension-reason = 请输入延期理由。
staff-extension-sent = 延期申请已提交部门负责人审批（{ $number }）。
staff-extension-requested = { $number } 申请延期 { $days } 个工作日，理由：{ $reason }
staff-extension-approved = { $number } 的延期已获批准，新期限 { $due }。
staff-extension-rejected = { $number } 的延期未获批准，期限仍为 { $due }。
staff-extension-decided = 已处理 { $number } 的延期申请。
# The live card (src/notifications/staff-cards.ts): who must act now, under the card.
card-turn = 待办：{ $who }
card-turn-system = 系统正在分类
card-turn-dispatch = 分拨员分派
card-turn-accept = 「{ $department }」签收
card-turn-handler = 承办人 { $name }
card-turn-department = 「{ $department }」
card-turn-citizen = 等待群众答复
card-turn-correction = 等待申请人补正
card-turn-closed = 无（已办结）
card-turn-extension = 负责人审批延期
card-overdue = ⚠ 已超过答复期限（{ $due }）
card-extension-pending = 申请延期 { $days } 个工作日，请批准或不批准：
staff-returned-alert = { $number } 被退回分拨，理由：{ $reason }。请在事项卡片上重新选择承办部门。
staff-accept-done = 已签收 { $number }
button-used = 这个按钮已经用过了。
staff-reply-type-pick = 请选择 { $number } 的答复类型：
staff-card-mediation =
    对方当事人：{ $other }
    纠纷类型：{ $type }；涉及 { $people } 人
    请求：{ $request }
    对方意愿：{ $answer }
staff-card-proactive = ⚑ 重点纠纷：需主动介入
party-answer-pending = 尚未答复
party-answer-accepted = 同意调解
party-answer-declined = 不同意
btn-invite-party = 邀请对方
btn-party-yes = 记录：对方同意
btn-party-no = 记录：对方拒绝
btn-outcome = 记录调解结果
outcome-agreement = 达成协议
outcome-no_agreement = 未达成协议
outcome-withdrawn = 申请人撤回
staff-invite-link =
    请把这个链接发给对方当事人（{ $number }），对方打开后可以同意或拒绝调解：
    { $link }
staff-party-recorded = 已记录对方的意愿（{ $number }）。
staff-party-accepted = 对方当事人已同意参加 { $number } 的调解。
staff-party-declined = 对方当事人不同意调解，{ $number } 已终止。
staff-outcome-pick = { $number } 的调解结果是？
staff-concluded = 已记录 { $number } 的调解结果。
staff-linked = 并单：{ $number } 与 { $master } 反映同一问题，答复 { $master } 时会一并答复 { $number }。
staff-unknown-input = 请使用事项卡片上的按钮办理；发送 /help 查看说明。

# Emergencies (a message that reads as danger now: the numbers first, then what to do)

emergency-call = 🚨 请立即拨打 { $numbers }！
emergency-number-separator = 、
emergency-number-119 = 119（火警、救援）
emergency-number-110 = 110（报警）
emergency-number-120 = 120（急救）
emergency-number-122 = 122（交通事故）
emergency-gas-hotline = 燃气公司抢修电话 { $number }
emergency-gas-hotline-unknown = 燃气公司的抢修电话（印在燃气表或缴费单上）
emergency-advice-gas = 闻到燃气味：马上离开，不要开关电灯电器，不要点火，不要在屋里打电话；到室外安全处再拨打 119 和{ $hotline }。
emergency-advice-fire = 着火时：马上离开，不要乘电梯，用湿毛巾捂住口鼻、弯腰撤离。
emergency-advice-collapse = 马上远离倒塌的地方，不要回去取东西。
emergency-advice-trapped = 被困时保持冷静，告诉 119 具体位置；困在电梯里请按警铃，不要扒门。
emergency-advice-rescue = 不要贸然下水或下井救人，可以抛绳子、救生圈等能漂浮的东西。
emergency-advice-flood = 水漫进来时：先断电，往高处去，不要蹚水。
emergency-advice-electric = 远离掉落的电线，不要用手去拉触电的人，先设法断电。
emergency-advice-selfharm = 请陪着对方，不要刺激对方，等待警察和急救人员。
emergency-advice-crime = 先保证自己的安全，躲到安全的地方再报警，说清地点和对方的特征。
emergency-advice-traffic = 打开双闪，在车后放警示牌，人撤到护栏外；有人受伤请拨打 120。
emergency-advice-medical = 打电话时说清地址和伤病情况；不要随意搬动伤者。
emergency-footer = 这里不能代替报警和急救电话。我们也会把这件事登记下来，转给有关部门跟进。
emergency-consent-first = 如需把这件事登记下来、由政府部门跟进，请先阅读下面的隐私说明并点击「同意并继续」（拨打上面的电话不用等这一步）。
intake-text-taken = 已把您刚才发的内容记为事项描述。
staff-emergency-reported =
    🚨 紧急警情 { $number }
    群众所报情况可能正危及生命或财产安全，已被告知立即拨打 { $numbers }。请马上核实并联系相关部门。
    内容：{ $text }
    地点：{ $location }
staff-card-emergency = 🚨 紧急警情：群众已被告知拨打 { $numbers }
admin-alert =
    ⚠ 系统告警：一项工作无法完成，需要人工处理。
    事项：{ $number }
    原因：{ $reason }
admin-alert-no-case = 无（不涉及具体事项）

## Web desk (issue 13): /web sign-in, figures, case files
role-LEGAL_OFFICE = 法制机构
web-link =
    网页工作台登录链接（{ $minutes } 分钟内有效，只能使用一次）：
    { $url }
    请勿转发。
web-link-no-access = 您的角色没有网页工作台权限（承办人、部门负责人、管理员和法制机构可以使用）。
web-title = 民声 · 网页工作台
web-nav-figures = 统计
web-nav-cases = 案卷
web-nav-queues = 队列
web-sign-out = 退出登录
web-login-title = 登录网页工作台
web-login-confirm = 点击下面的按钮登录。登录后本浏览器保持登录，直到您退出或会话到期。
web-login-button = 登录
web-login-unknown = 登录链接无效。请在员工机器人中发送 /web 获取新的链接。
web-login-used = 此登录链接已经使用过。请在员工机器人中发送 /web 获取新的链接。
web-login-expired = 此登录链接已过期。请在员工机器人中发送 /web 获取新的链接。
web-login-no_access = 您的账号已停用，或角色已变更，或没有网页工作台权限。
web-signed-out-title = 已退出
web-signed-out = 您已退出网页工作台。
web-sign-in-needed-title = 需要登录
web-sign-in-needed = 请先登录：在员工机器人中发送 /web，打开收到的链接。
web-forbidden-title = 无权访问
web-forbidden = 您无权查看此页面（承办人和部门负责人只能查看本部门）。
web-csrf-failed = 表单已失效，请刷新页面后重试。
web-figures-title = 办理统计
web-unknown-department = 没有这个部门。
web-unrouted = 未分派
web-district = 全区
web-fig-received = 受理
web-fig-closed = 办结
web-fig-on-time = 按时办结
web-fig-on-time-rate = 按时办结率
web-fig-overdue-now = 当前逾期
web-fig-satisfaction = 满意率
web-fig-reopen-rate = 重新办理率
web-fig-first-action = 首次处理（小时，中位数）
web-fig-answer = 答复（小时，中位数）
web-chart-counts = 件数
web-chart-rates = 三率（%）
web-from = 起始日期
web-to = 截止日期
web-department = 部门
web-kind = 类别
web-status = 状态
web-show = 查询
web-any = 全部
web-figures-note = 统计期间：{ $from } 至 { $to }（北京时间，含首尾两日）。
web-by-department = 按部门
web-by-kind = 按类别
web-figures-definitions = 说明：受理 = 期间内提交；办结 = 期间内办结；按时办结率 = 在期限内（含已批准的延期）办结的件数 ÷ 办结件数；满意率 = 满意评价 ÷ 作出评价的办结件；重新办理率 = 办结后群众要求重新办理的件数 ÷ 办结件数；当前逾期 = 此刻已过期限仍未办结（补正期间期限中止，不计）。
web-cases-title = 案卷查询
web-search-q = 编号或内容
web-search = 搜索
web-results-count = 共 { $count } 件（最多显示 { $limit } 件）
web-no-cases = 没有符合条件的事项。
web-case-number = 编号
web-received-at = 提交时间
web-due-at = 办理期限
web-closed-at = 办结时间
web-case-title = 案卷 { $number }
web-case-facts = 基本情况
web-text = 内容
web-location = 地点
web-contact = 联系人
web-anonymous = 匿名投诉：不显示身份信息
web-applicant = 申请人
web-answer = 答复
web-reply-type = 答复类型
web-satisfied = 评价
web-satisfied-yes = 满意
web-satisfied-no = 不满意
web-extension = 延期
web-outcome = 调解结果
web-history = 办理经过（审计记录）
web-messages = 与群众的往来消息
web-message-TO_CITIZEN = 发给群众
web-message-FROM_CITIZEN = 群众发来
web-actor-citizen = 群众
web-actor-system = 系统
web-actor-party = 对方当事人
web-actor-staff = { $name }（{ $role }）
web-export-json = 导出 JSON
web-export-pdf = 导出 PDF
web-not-found = 没有找到这个事项。
web-pdf-title = 民声案卷 { $number }
web-pdf-generated = 导出时间：{ $at } · 导出人：{ $name }
web-nav-report = 年度报告
web-report-title = { $year } 年政府信息公开年度报告
web-report-year = 年度
web-report-download = 下载 Excel（.xlsx）
web-report-note = 依《政府信息公开条例》第五十条和国办公开办函〔2021〕30号格式。通过群众机器人提出申请的均为自然人，法人或其他组织各列为 0。办理结果按办结年度统计；“不予公开”的具体理由未分项记录的，单列一行。行政复议、行政诉讼情况（第四部分）本系统尚未记录。
## 补正期限 (条例 art. 30), 征求意见 (arts. 32–34), provisional due dates (年度放假安排未公布)
notify-correction-period = 请在 { $due } 前补正。依照《政府信息公开条例》第三十条，无正当理由逾期不补正的，视为放弃申请，不再处理该申请；如有正当理由不能按期补正，请在期限内回复说明。
notify-correction-more-time = 关于您的信息公开申请 { $number }，已记录您的正当理由，补正期限延至 { $due }。逾期仍不补正的，视为放弃申请。
staff-correction-lapse-due =
    { $number } 的补正期限（{ $due }）已过，申请人没有补正。
    请确认：申请人无正当理由逾期不补正的，视为放弃申请（《政府信息公开条例》第三十条）；如申请人有正当理由，请记录理由并给予新的补正期限。
btn-correction-lapsed = 确认视为放弃申请
btn-correction-more-time = 有正当理由，延长补正期限
staff-correction-lapse-confirmed = 已确认 { $number } 视为放弃申请，事项已办结，申请人将收到通知。
staff-correction-days = 从今天起再给申请人多少个工作日补正？（1 至 30）发送 /cancel 放弃。
staff-correction-days-invalid = 请输入 1 到 30 之间的整数。
staff-correction-reason = 请输入申请人的正当理由（{ $number }）。
staff-correction-more-time-sent = 已记录正当理由，{ $number } 的补正期限已延长，申请人将收到新的期限。
staff-card-correction-due = 补正期限：{ $due }
btn-consult-third-party = 征求第三方意见
btn-consult-agency = 征求其他机关意见
btn-consultation-answered = 记录：意见已答复
staff-consultation-started = 已记录 { $number } 正在征求意见，答复期限暂停计算。对方最迟 { $until } 前答复；按此计算的答复期限为 { $due }，收到意见后请点“记录：意见已答复”。
staff-consultation-answered = 已记录 { $number } 的征求意见答复，答复期限恢复计算，新期限 { $due }。
staff-consultation-resumed = { $number } 的征求意见已结束，答复期限恢复计算，新期限 { $due }。
staff-card-consulting-third-party = ⏸ 征求第三方意见中（自 { $since }，最迟至 { $until }；《政府信息公开条例》第三十二条、第三十三条第三款），期限暂停，恢复后还剩 { $days } 个工作日
staff-card-consulting-agency = ⏸ 征求其他机关意见中（自 { $since }，最迟至 { $until }；《政府信息公开条例》第三十三条第三款、第三十四条），期限暂停，恢复后还剩 { $days } 个工作日
notify-consultation-third-party = 您的信息公开申请 { $number } 涉及第三方合法权益，我们正在书面征求第三方意见（第三方应在 { $until } 前提出意见）。依照《政府信息公开条例》第三十三条第三款，征求意见所需时间不计入答复期限，答复期限相应顺延，最迟为 { $due }。
notify-consultation-agency = 您的信息公开申请 { $number } 需要征求其他行政机关的意见（应在 { $until } 前提出）。依照《政府信息公开条例》第三十三条第三款，征求意见所需时间不计入答复期限，答复期限相应顺延，最迟为 { $due }。
notify-consultation-resumed = 您的信息公开申请 { $number } 征求意见已结束，答复期限恢复计算，将在 { $due } 前答复您。
status-consulting = ⏸ 正在征求意见，答复期限暂停计算（对方最迟 { $until } 前答复），上面的期限已相应顺延。
status-correction-due = 补正期限：{ $due }（逾期无正当理由不补正的，视为放弃申请）
due-provisional-staff = （暂定：该年度放假安排未公布）
due-provisional-citizen = （暂定：该年度法定节假日调休安排尚未公布，期限可能前后变动几天）
notify-due-recounted = 国务院已公布放假安排，您的事项 { $number } 的答复期限重新计算为 { $due }。
staff-due-recounted = 放假安排已载入：{ $number } 的答复期限重新计算为 { $due }。
# Length budgets and undelivered messages (issue 9)
input-too-long = 太长了：最多 { $max } 个字，您发了 { $count } 个。请精简后再发。
btn-full-text = 全文
staff-full-text = { $number } 的全文：
staff-full-text-forbidden = 您无权查看这个事项。
staff-send-failed =
    ⚠ { $number }：您发给群众的{ $what }未能送达（{ $reason }）。
    已记录在事项中，并已通知管理员。
notify-send-failed = ⚠ 您就 { $number } 发送的消息未能转交承办人员（{ $reason }）。已记录并通知管理员，我们会尽快处理。
send-failed-reason-blocked = 对方已停用机器人
send-failed-reason-chat_not_found = 找不到对方的聊天
send-failed-reason-refused = Telegram 拒收了这条消息
sent-what-question = 问题
sent-what-case_answered = 答复
sent-what-correction_requested = 补正通知
sent-what-mediation_concluded = 调解结果

# Command menus (setMyCommands), per bot and role
cmd-start = 开始；阅读隐私说明
cmd-new = 提交投诉举报
cmd-disclose = 申请政府信息公开
cmd-mediate = 申请调解
cmd-reconsider = 申请行政复议
cmd-mycases = 我的事项
cmd-status = 查询事项进度（如 /status MS-2026-000123）
cmd-language = 切换语言
cmd-help = 帮助
cmd-forget = 撤回同意并删除个人信息
cmd-cancel = 取消正在填写的表单
cmd-staff-start = 用邀请链接加入（/start 加邀请码）
cmd-staff-help = 我的角色和用法
cmd-staff-cancel = 取消正在输入的内容
cmd-staff-overdue = 逾期和即将到期的事项
cmd-staff-web = 网页工作台登录链接

## 办理结果公开（第 31 项）与案卷评查（第 19 项）
btn-publication-propose = 申请公开办理结果
btn-publication-approve = 批准公开
btn-publication-decline = 不予公开
staff-answered-publishable = 如办理结果可以向社会公开，请点下方按钮，经部门负责人审核后在公开页面发布（姓名、电话、证件号等个人信息会去除）。
staff-publication-proposed-sent = 已将 { $number } 的办理结果提交部门负责人审核公开。
staff-publication-proposed =
    { $number } 的承办人申请公开办理结果。以下为去除个人信息后将公开的内容，请核对：
    
    诉求：{ $text }
    地点：{ $place }
    答复：{ $answer }
staff-publication-approved = { $number } 的办理结果已批准公开。
staff-publication-declined = { $number } 的办理结果不予公开。
staff-publication-decided = 已处理 { $number } 的公开申请。
public-result-post =
    【办理结果公开】{ $number }
    承办单位：{ $department }　办结日期：{ $closed }
    地点：{ $place }
    诉求：{ $text }
    答复：{ $answer }
review-yes = 是
review-no = 否
staff-case-reviewed =
    法制机构已评查案卷 { $number }（评查人：{ $reviewer }）
    程序是否得当：{ $procedure }
    证据是否充分：{ $evidence }
    评查意见：{ $findings }
public-results-brand = 民声 · 办理结果公开
public-results-title = 群众诉求办理结果公开
public-results-search = 搜索（编号、内容、地点）
public-results-count = 共 { $count } 条，第 { $page } / { $pages } 页
public-results-none = 暂无公开的办理结果。
public-results-dates = 受理 { $received }，办结 { $closed }
public-results-request = 诉求：
public-results-answer = 答复：
public-results-prev = 上一页
public-results-next = 下一页
public-results-note = 经承办部门负责人审核后公开；姓名、电话、证件号码等个人信息已去除，地点只写到街道。
web-review-title = 案卷评查
web-review-procedure = 程序是否得当
web-review-evidence = 证据是否充分
web-review-findings = 评查意见
web-review-submit = 提交评查结果
web-review-done = 评查结果已记录，并已通知部门负责人。
web-review-invalid = 请选择“程序是否得当”和“证据是否充分”，并填写评查意见（不超过 { $max } 字）。
web-reviews = 评查记录
digest-chart-title = { $department } · 近 7 日办理情况
digest-chart-overdue = 日末逾期未办结
digest-chart-caption = { $department } 近 7 日：受理 { $received } 件，办结 { $closed } 件（按时 { $onTime } 件），目前逾期未办结 { $overdue } 件。
web-report-remedies-note = 行政复议：群众从政府信息公开答复发起的复议申请，按本年办结的结果计（维持、驳回计“结果维持”；变更、撤销、确认违法、责令履行、确认无效计“结果纠正”；不予受理、撤回、和解、调解计“其他结果”），年末未办结的计“尚未审结”。行政诉讼：法制机构或管理员在政府信息公开申请的案卷页登记。第一、二、五、六部分（总体情况、主动公开、问题与改进、其他事项）不来自本系统，请另行填写。
web-lawsuit-title = 行政诉讼登记
web-lawsuit-filed = 起诉日期
web-lawsuit-after = 是否经过复议
web-lawsuit-after-yes = 复议后起诉
web-lawsuit-after-no = 未经复议直接起诉
web-lawsuit-result = 判决结果
web-lawsuit-pending = 尚未审结
web-lawsuit-upheld = 结果维持
web-lawsuit-corrected = 结果纠正
web-lawsuit-other = 其他结果
web-lawsuit-decided = 审结日期
web-lawsuit-submit = 保存
web-lawsuit-invalid = 请填写起诉日期；有判决结果时须填写审结日期。
