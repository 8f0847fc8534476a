# 12345 热线话务员：替没有 Telegram 的来电群众登记事项，并回电告知（issue 14）
role-OPERATOR = 热线话务员
cmd-staff-call = 为来电群众登记事项
cmd-staff-callbacks = 待回电的任务
operator-only = 这项功能只供热线话务员使用。
operator-ask-kind = 📞 为来电群众登记。请选择事项类别：
operator-ask-name = 来电人姓名：
operator-ask-name-label = 来电人
operator-ask-phone = 来电人手机号码（用于回电）：
operator-ask-phone-label = 电话
operator-ask-complaint = 请按来电人所述记录反映的问题（至少 10 个字）：
operator-ask-complaint-label = 反映的问题
operator-ask-place = 事情发生在哪里？
operator-ask-place-label = 地点
operator-ask-anonymous = 来电人是否要求对承办部门匿名？（匿名时承办部门看不到姓名和电话，回电仍由您负责）
operator-ask-anonymous-label = 身份
operator-ask-id-number = 申请人身份证号码：
operator-ask-id-number-label = 身份证号码
operator-ask-postal-address = 申请人通信地址：
operator-ask-postal-address-label = 通信地址
operator-ask-wanted = 申请公开的政府信息（名称、文号或便于查询的描述）：
operator-ask-wanted-label = 申请公开的信息
operator-ask-form = 获取信息的形式：
operator-ask-form-label = 获取形式
operator-ask-delivery = 获取信息的方式：
operator-ask-delivery-label = 获取方式
operator-ask-other-party = 对方当事人姓名或名称：
operator-ask-other-party-label = 对方当事人
operator-ask-other-contact = 对方当事人联系方式：
operator-ask-other-contact-label = 对方联系方式
operator-ask-dispute-type = 纠纷类型：
operator-ask-dispute-type-label = 纠纷类型
operator-ask-facts = 纠纷的经过（至少 10 个字）：
operator-ask-facts-label = 纠纷经过
operator-ask-request = 来电人希望如何解决：
operator-ask-request-label = 调解请求
operator-ask-people = 涉及多少人？（填数字）
operator-ask-people-label = 涉及人数
operator-review = 请向来电人复述并核对（{ $kind }）：
operator-not-filed = 没有登记成功，请检查后用 /call 重新登记。
operator-filed =
    已登记，事项编号 { $number }，办理期限 { $due }。
    请告诉来电人事项编号。此后给来电人的每条通知（受理、提问、答复、满意度）都会作为回电任务发给您。
operator-reply-prompt = 请记录来电人对 { $number } 的回答：
operator-reply-recorded = 已把来电人的回答转给承办人（{ $number }）。
operator-told-recorded = 已记录：已回电告知（{ $number }）。
operator-satisfied-recorded = 已记录来电人对 { $number } 的答复“满意”。
operator-unsatisfied-recorded = 已记录来电人对 { $number } 的答复“不满意”，已告知承办部门负责人。
operator-forbidden = 这项功能只供热线话务员使用。
operator-not-a-call = 这不是热线登记的事项。
operator-callback =
    📞 回电任务 · { $number }
    致电：{ $name } { $phone }
    请宣读：
    「{ $script }」
btn-callback-reply = 记录来电人的回答
btn-callback-satisfied = 满意
btn-callback-unsatisfied = 不满意
btn-callback-told = 已回电告知
operator-callbacks-none = 没有待回电的任务。
operator-callbacks-header = 待回电的任务：{ $count } 件
operator-callbacks-line = · { $number } · { $caller } · { $what }（{ $since }）
operator-notice = { $type ->
    [question] 承办人提问
    [case_answered] 答复，问满意度
    [case_routed] 已交承办部门
    [case_accepted] 已受理
    [correction_requested] 补正通知
    *[other] 办理进展通知
  }
