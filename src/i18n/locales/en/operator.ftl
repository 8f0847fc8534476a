# Hotline (12345) operators: filing for callers without Telegram and calling them back (issue 14)
role-OPERATOR = hotline operator
cmd-staff-call = File a request for a caller
cmd-staff-callbacks = Call-backs owed
operator-only = Only hotline operators can do this.
operator-ask-kind = 📞 Filing for a caller. Choose the kind of request:
operator-ask-name = Caller's name:
operator-ask-name-label = Caller
operator-ask-phone = Caller's mobile number (for call-backs):
operator-ask-phone-label = Phone
operator-ask-complaint = The problem, as the caller tells it (at least 10 characters):
operator-ask-complaint-label = Problem
operator-ask-place = Where did it happen?
operator-ask-place-label = Place
operator-ask-anonymous = Does the caller want to stay anonymous to the department? (The department then sees no name or phone; the call-backs remain yours.)
operator-ask-anonymous-label = Identity
operator-ask-id-number = Applicant's ID card number:
operator-ask-id-number-label = ID number
operator-ask-postal-address = Applicant's postal address:
operator-ask-postal-address-label = Postal address
operator-ask-wanted = The government information requested (title, document number or a description to find it):
operator-ask-wanted-label = Information requested
operator-ask-form = Form of the information:
operator-ask-form-label = Form
operator-ask-delivery = How to receive it:
operator-ask-delivery-label = Delivery
operator-ask-other-party = The other party's name:
operator-ask-other-party-label = Other party
operator-ask-other-contact = The other party's contact:
operator-ask-other-contact-label = Other party's contact
operator-ask-dispute-type = Type of dispute:
operator-ask-dispute-type-label = Dispute type
operator-ask-facts = What happened (at least 10 characters):
operator-ask-facts-label = Facts
operator-ask-request = What the caller asks for:
operator-ask-request-label = Request
operator-ask-people = How many people are involved? (a number)
operator-ask-people-label = People involved
operator-review = Read back to the caller and check ({ $kind }):
operator-not-filed = Not filed; check and file again with /call.
operator-filed =
    Filed as { $number }, due { $due }.
    Tell the caller the case number. Every later notice for the caller (acceptance, questions, the answer, the rating) comes to you as a call-back task.
operator-reply-prompt = Type the caller's answer for { $number }:
operator-reply-recorded = The caller's answer was passed to the handler ({ $number }).
operator-told-recorded = Recorded: the caller was called back ({ $number }).
operator-satisfied-recorded = Recorded: the caller is satisfied with the answer to { $number }.
operator-unsatisfied-recorded = Recorded: the caller is not satisfied with the answer to { $number }; the department's supervisor is told.
operator-forbidden = Only hotline operators can do this.
operator-not-a-call = This case was not filed through the hotline.
operator-callback =
    📞 Call-back · { $number }
    Call: { $name } { $phone }
    Read out:
    "{ $script }"
btn-callback-reply = Record the caller's answer
btn-callback-satisfied = Satisfied
btn-callback-unsatisfied = Not satisfied
btn-callback-told = Called back
operator-callbacks-none = No call-backs owed.
operator-callbacks-header = Call-backs owed: { $count }
operator-callbacks-line = · { $number } · { $caller } · { $what } ({ $since })
operator-notice = { $type ->
    [question] a handler's question
    [case_answered] the answer; ask for a rating
    [case_routed] sent to the department
    [case_accepted] accepted
    [correction_requested] a correction request
    *[other] progress notice
  }
