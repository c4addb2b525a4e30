<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApplicationDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="45" />
        <source>New borrowing application</source>
        <translation>新借阅申请</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="51" />
        <source>(not a user of the program)</source>
        <translation>（非本系统用户）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="65" />
        <source>Archive number, name or pinyin; Enter or scan adds</source>
        <translation>档案编号、名称或拼音；回车或扫码添加</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="70" />
        <source>Remove card</source>
        <translation>移除档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="80" />
        <source>Borrower (user):</source>
        <translation>借阅人（系统用户）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="81" />
        <source>or name:</source>
        <translation>或姓名：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="82" />
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="83" />
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="84" />
        <source>Add card:</source>
        <translation>添加档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="88" />
        <source>Cards:</source>
        <translation>借阅档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="89" />
        <source>Mode:</source>
        <translation>借阅方式：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="90" />
        <source>Purpose:</source>
        <translation>借阅用途：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="91" />
        <source>Expected return:</source>
        <translation>预计归还：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="107" />
        <source>%1 cards match; type more or scan the number.</source>
        <translation>有 %1 张档案卡符合，请多输入几个字或扫描档案编号。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="114" />
        <source>  (on loan)</source>
        <translation>（借出中）</translation>
    </message>
</context>
<context>
    <name>ApprovalForm</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="45" />
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="58" />
        <source>I approve (logged in)</source>
        <translation>本人登录审批</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="60" />
        <source>Approver signs on the pad</source>
        <translation>审批人在签字板上签名</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="61" />
        <source>Approved on paper</source>
        <translation>已在纸面审批单上审批</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="67" />
        <source>Needs: %1</source>
        <translation>需要：%1 审批</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="84" />
        <source>Decision:</source>
        <translation>审批结果：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="85" />
        <source>Comment:</source>
        <translation>意见：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="86" />
        <source>How:</source>
        <translation>审批方式：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="87" />
        <source>Approver:</source>
        <translation>审批人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="88" />
        <source>Paper slip no.:</source>
        <translation>纸面审批单编号：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="109" />
        <source>Nobody may take this step: it needs %1.</source>
        <translation>没有人能审批这一步：需要%1审批，但没有符合条件的在职用户。请系统管理员先设置审批人。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/approval_form.py" line="113" />
        <source>You may neither take this step nor record it: it needs %1. Ask the archive clerk.</source>
        <translation>您既不能审批这一步，也不能代为登记：需要%1审批。请交由档案管理员办理。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="217" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="218" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="219" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="220" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="221" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="222" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="223" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="229" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
</context>
<context>
    <name>BorrowingTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="49" />
        <source>Number</source>
        <translation>申请单号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="50" />
        <source>Borrower</source>
        <translation>借阅人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="51" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="52" />
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="53" />
        <source>Cards</source>
        <translation>借阅档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="54" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="56" />
        <source>Return check</source>
        <translation>归还核对</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="60" />
        <source>Applied</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="61" />
        <source>Due</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="62" />
        <source>Lent at</source>
        <translation>借出时间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="63" />
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="75" />
        <source>&amp;New application…</source>
        <translation>新借阅申请(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="76" />
        <source>&amp;Approve / refuse…</source>
        <translation>审批(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="77" />
        <source>&amp;Lend…</source>
        <translation>出借(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="78" />
        <source>Paper signatures done</source>
        <translation>纸面签字已完成</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="79" />
        <source>&amp;Return…</source>
        <translation>归还(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="80" />
        <source>Re&amp;new…</source>
        <translation>续借(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="85" />
        <source>Print application</source>
        <translation>打印申请单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="86" />
        <source>Register…</source>
        <translation>借阅登记簿…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="87" />
        <source>Overdue notices</source>
        <translation>催还通知单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="88" />
        <source>Photocopy…</source>
        <translation>影印登记…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="89" />
        <source>Copies out…</source>
        <translation>在外复印件…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="90" />
        <source>Copies register</source>
        <translation>影印登记表</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="91" />
        <source>Close the day…</source>
        <translation>闭馆清点…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="92" />
        <source>Month-end list</source>
        <translation>月末借出未还清单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="159" />
        <source>Select an application first.</source>
        <translation>请先选择一份申请。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="211" />
        <source>Have the borrower and the clerk both signed the printed slip?</source>
        <translation>借阅人和档案管理员都已在打印的单据上签字了吗？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="225" />
        <source>Nothing of this application is on loan.</source>
        <translation>这份申请没有借出中的档案。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="228" />
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="232" />
        <source>Renew</source>
        <translation>续借</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="228" />
        <source>Reason for the renewal:</source>
        <translation>续借理由：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="232" />
        <source>Extend by days:</source>
        <translation>延长天数：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="306" />
        <source>No copies are out.</source>
        <translation>没有带出未注销的复印件。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="313" />
        <source>Copies out</source>
        <translation>在外复印件</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/borrowing_tab.py" line="314" />
        <source>Strike off the copy that came back:</source>
        <translation>注销已收回的复印件：</translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="130" />
        <source>Identity and contact</source>
        <translation>基本信息与联系方式</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="131" />
        <source>Classification and storage</source>
        <translation>分类与保管</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="132" />
        <source>Business, trade and features</source>
        <translation>业务、交易与客户特征</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="139" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="140" />
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="141" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="142" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="143" />
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="144" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="145" />
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="157" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="148" />
        <source>Contact people</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="152" />
        <source>Document</source>
        <translation>文件名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="153" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="154" />
        <source>Original/copy</source>
        <translation>原件/复印件</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="155" />
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="156" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="160" />
        <source>Contents list</source>
        <translation>卷内文件目录</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="165" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="166" />
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="167" />
        <source>Reported by</source>
        <translation>报告人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="168" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="169" />
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="170" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="171" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="176" />
        <source>History</source>
        <translation>变更历史</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="181" />
        <source>who reported the change, e.g. the salesperson</source>
        <translation>谁报告的变更，如业务员</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="185" />
        <source>why the card changes</source>
        <translation>变更原因</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="189" />
        <source>Reported by:</source>
        <translation>变更报告人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="191" />
        <source>Reason:</source>
        <translation>变更原因：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="200" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="204" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="233" />
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="253" />
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="277" />
        <source>Please choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="341" />
        <source>&amp;Add row</source>
        <translation>添加一行(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="344" />
        <source>&amp;Remove row</source>
        <translation>删除一行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="372" />
        <source>original</source>
        <translation>原件</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="373" />
        <source>copy</source>
        <translation>复印件</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="426" />
        <source>%1 (retired)</source>
        <translation>%1（已停用）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="528" />
        <source>This card was changed by someone else after the draft was written; saving the draft will be refused. Compare and re-enter what is still needed.</source>
        <translation>草稿写下后，这张档案卡已被他人修改；保存草稿会被拒绝。请对照后重新录入仍需修改的内容。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="541" />
        <source>new card</source>
        <translation>新档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="542" />
        <source>(number given on saving)</source>
        <translation>（保存时编号）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="549" />
        <source>&lt;b&gt;New card&lt;/b&gt; — the archive number is given when it is saved.</source>
        <translation>&lt;b&gt;新建档案卡&lt;/b&gt; — 保存时自动分配档案编号。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="558" />
        <source>kept since %1</source>
        <translation>建档于 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="563" />
        <source>on loan to %1 since %2</source>
        <translation>自 %2 起借给 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="568" />
        <source>former names: %1</source>
        <translation>曾用名：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="571" />
        <source>retention due %1</source>
        <translation>保管期满 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="719" />
        <source>Please correct the fields marked in red (%1); the %2 notes in brown will be put to you for confirmation when saving.</source>
        <translation>请修改标红的项目（共 %1 处）；另有 %2 条棕色提示，保存时需要您确认。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="722" />
        <source>Please correct the fields marked in red (%1).</source>
        <translation>请修改标红的项目（共 %1 处）。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="704" />
        <source>Saved as %1.</source>
        <translation>已保存，档案编号 %1。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="704" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="738" />
        <source>Drop the unsaved changes of this card?</source>
        <translation>放弃这张档案卡未保存的修改？</translation>
    </message>
</context>
<context>
    <name>CardsModel</name>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="84" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="88" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="89" />
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="91" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="97" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="99" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="101" />
        <source>Trade</source>
        <translation>交易状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="106" />
        <source>Secrecy</source>
        <translation>密级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="111" />
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="112" />
        <source>Location</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="114" />
        <source>On loan</source>
        <translation>借出</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="115" />
        <source>on loan</source>
        <translation>借出</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="117" />
        <source>Retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/models/cards_model.py" line="119" />
        <source>Retention due</source>
        <translation>保管期满</translation>
    </message>
</context>
<context>
    <name>CardsTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="53" />
        <source>Search: name, former name, pinyin (bjhd), number, credit code, phone, contact</source>
        <translation>搜索：名称、曾用名、拼音（bjhd）、档案编号、信用代码、电话、联系人（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="63" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="64" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="65" />
        <source>Trade</source>
        <translation>交易状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="66" />
        <source>Secrecy</source>
        <translation>密级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="67" />
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="70" />
        <source>On loan</source>
        <translation>借出</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="71" />
        <source>on loan</source>
        <translation>借出</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="71" />
        <source>in the room</source>
        <translation>在库</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="75" />
        <source>Retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="77" />
        <source>due now</source>
        <translation>已到期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="78" />
        <source>due within a year</source>
        <translation>一年内到期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="83" />
        <source>Review</source>
        <translation>例行检查</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="84" />
        <source>not yet reviewed this period</source>
        <translation>本期未检查</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="89" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="121" />
        <source>&amp;New card</source>
        <translation>新建档案卡(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="124" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="128" />
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="133" />
        <source>Customer archive card (selected)</source>
        <translation>客户档案卡（所选）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="134" />
        <source>Customer list (current filter)</source>
        <translation>客户一览表（当前筛选）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="135" />
        <source>Archive catalogue by region and category</source>
        <translation>档案目录（按区域和类别）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="136" />
        <source>Folder labels (selected)</source>
        <translation>类别标签（所选；未选则当前筛选）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="146" />
        <source>Mark re&amp;viewed</source>
        <translation>标记已检查(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="149" />
        <source>Record that the selected cards passed the periodic review</source>
        <translation>记录所选档案卡已完成例行检查</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="151" />
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="154" />
        <source>Bring in customers from an Excel, WPS or CSV ledger</source>
        <translation>从 Excel、WPS 或 CSV 客户台账导入档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="155" />
        <source>Export to &amp;Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="200" />
        <source>Status: in the room</source>
        <translation>状态：在库</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="201" />
        <source>destroyed</source>
        <translation>已销毁</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="202" />
        <source>in the room and destroyed</source>
        <translation>在库和已销毁</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="227" />
        <source>%1 cards</source>
        <translation>共 %1 张档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="247" />
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="283" />
        <source>All cards</source>
        <translation>全部档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="411" />
        <source>Your role may not create cards.</source>
        <translation>您的角色不能新建档案卡。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="433" />
        <source>%1 card drafts were not saved last time:</source>
        <translation>上次有 %1 份档案卡草稿没有保存：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="437" />
        <source>Reopen them now?</source>
        <translation>现在重新打开它们吗？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="477" />
        <source>Select the cards you have reviewed first.</source>
        <translation>请先选择已检查的档案卡。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="481" />
        <source>Record that %1 selected cards were reviewed today?</source>
        <translation>记录所选 %1 张档案卡今天已检查？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="490" />
        <source>%1 cards marked as reviewed</source>
        <translation>已标记 %1 张档案卡为已检查</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/cards_tab.py" line="499" />
        <source>Export cards to Excel</source>
        <translation>导出档案卡到 Excel</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="176" />
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="180" />
        <source>Please choose a new password before you continue.</source>
        <translation>继续之前，请设置一个新密码。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="184" />
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="185" />
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="186" />
        <source>New password &amp;again:</source>
        <translation>再次输入新密码(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="191" />
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="337" />
        <source>Check handover %1</source>
        <translation>核对交接单 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="341" />
        <source>Scan or type archive numbers</source>
        <translation>扫描或输入档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="346" />
        <source>Compare</source>
        <translation>比对</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="349" />
        <source>Resolve the selected difference…</source>
        <translation>处理所选差异…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="353" />
        <source>Send the slip back instead, with this comment:</source>
        <translation>改为退回交接单，意见：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="383" />
        <source>%1 of %2 items checked; %3 not yet checked.</source>
        <translation>共 %2 项，已核对 %1 项，还有 %3 项没有核对。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="387" />
        <source>All %1 items checked.</source>
        <translation>%1 项已全部核对。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="405" />
        <source>Unresolved differences: %1</source>
        <translation>未处理的差异：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="412" />
        <source>Type more or scan the archive number.</source>
        <translation>请多输入几个字或扫描档案编号。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="463" />
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="471" />
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="465" />
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="473" />
        <source>Accept with a note</source>
        <translation>接受并注明</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="465" />
        <source>Remove from the slip</source>
        <translation>从交接单中移出</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="471" />
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
</context>
<context>
    <name>ClassificationPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="109" />
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="109" />
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="114" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="109" />
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="114" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="114" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="114" />
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="263" />
        <source>Label colour</source>
        <translation>标签颜色</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="116" />
        <source>Regions</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="122" />
        <source>Add region…</source>
        <translation>添加区域…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="123" />
        <source>Add sub-region…</source>
        <translation>添加下级区域…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="124" />
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="136" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="125" />
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="138" />
        <source>Retire / reactivate</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="126" />
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="139" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="129" />
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="135" />
        <source>Add category…</source>
        <translation>添加类别…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="137" />
        <source>Label colour…</source>
        <translation>标签颜色…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="151" />
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="151" />
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="189" />
        <source>New region under %1</source>
        <translation>在“%1”下新建区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="191" />
        <source>New region</source>
        <translation>新建区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="209" />
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="247" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="194" />
        <source>Code (letters, may stay empty):</source>
        <translation>代码（字母，可不填）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="201" />
        <source>Select the parent region first.</source>
        <translation>请先选择上级区域。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="209" />
        <source>Rename region</source>
        <translation>重命名区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="226" />
        <source>Delete the region %1?</source>
        <translation>删除区域“%1”？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="238" />
        <source>New category</source>
        <translation>新建类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="239" />
        <source>Code (letters, e.g. GY):</source>
        <translation>代码（字母，如 GY）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="247" />
        <source>Rename category</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="280" />
        <source>Delete the category %1?</source>
        <translation>删除类别“%1”？</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="376" />
        <source>Register a photocopy</source>
        <translation>影印登记</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="382" />
        <source>Archive number, name or pinyin; Enter or scan</source>
        <translation>档案编号、名称或拼音；回车或扫码</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="397" />
        <source>Choose the card first</source>
        <translation>请先选择档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="400" />
        <source>Copies leave the archive room</source>
        <translation>复印件带出档案室</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="410" />
        <source>Card:</source>
        <translation>档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="412" />
        <source>Pages:</source>
        <translation>页码：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="413" />
        <source>Copies:</source>
        <translation>份数：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="414" />
        <source>Purpose:</source>
        <translation>借阅用途：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="415" />
        <source>Approved by:</source>
        <translation>批准人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="416" />
        <source>Given to:</source>
        <translation>领取人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="418" />
        <source>Kept at:</source>
        <translation>存放位置：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="419" />
        <source>Back by:</source>
        <translation>归还日期：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="426" />
        <source>Type more or scan the archive number.</source>
        <translation>请多输入几个字或扫描档案编号。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="442" />
        <source>Nobody may take this step: it needs %1.</source>
        <translation>没有人能审批这一步：需要%1审批，但没有符合条件的在职用户。请系统管理员先设置审批人。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="447" />
        <source>Choose the card first.</source>
        <translation>请先选择档案卡。</translation>
    </message>
</context>
<context>
    <name>DayCloseView</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="37" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="37" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="37" />
        <source>Borrower</source>
        <translation>借阅人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="37" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="38" />
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="38" />
        <source>Lent at</source>
        <translation>借出时间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="38" />
        <source>Due</source>
        <translation>应还日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="38" />
        <source>Application no.</source>
        <translation>申请单号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="39" />
        <source>Why not back (double-click to write)</source>
        <translation>未还原因（双击填写）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="52" />
        <source>&amp;Close the day</source>
        <translation>闭馆(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="55" />
        <source>&amp;Back to the list</source>
        <translation>返回借阅列表(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="58" />
        <source>&amp;Return…</source>
        <translation>归还(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="77" />
        <source>The day %1 is closed.</source>
        <translation>%1 已闭馆清点。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="80" />
        <source>Before closing on %1: %2 originals are not back. Take each back (Return…) or write why it is still out, then close the day.</source>
        <translation>%1 闭馆前：尚有 %2 件原件未归还。请逐件办理归还，或写明未还原因，然后闭馆。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="84" />
        <source>Every original is back on %1: the day can be closed.</source>
        <translation>%1 的原件均已归还，可以闭馆。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="93" />
        <source>Select an original first.</source>
        <translation>请先选择一件原件。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/day_close_view.py" line="103" />
        <source>The day is closed.</source>
        <translation>已完成闭馆清点。</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="145" />
        <source>Approve application %1</source>
        <translation>审批借阅申请 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="157" />
        <source>Refuse</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="159" />
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="61" />
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="70" />
        <source>&amp;Open the existing card</source>
        <translation>打开已有档案卡(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="74" />
        <source>&amp;Create a new card anyway</source>
        <translation>仍然新建档案卡(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/card_editor.py" line="77" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/classification_page.py" line="60" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>ExecuteDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="360" />
        <source>Execute destruction list %1</source>
        <translation>执行销毁：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="379" />
        <source>Date:</source>
        <translation>销毁日期：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="380" />
        <source>Place:</source>
        <translation>销毁地点：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="381" />
        <source>Method:</source>
        <translation>销毁方式：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="383" />
        <source>Executor:</source>
        <translation>执行人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="384" />
        <source>Witnesses:</source>
        <translation>监销人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="396" />
        <source>signs on paper</source>
        <translation>在纸面上签字</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="406" />
        <source>Checked again now (✗: withheld, returns to the archive):</source>
        <translation>现在逐卷复核（✗：不予销毁，退回档案室）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="436" />
        <source>Destroying…</source>
        <translation>正在销毁…</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="453" />
        <source>Feedback on destruction list %1</source>
        <translation>销毁处理反馈：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="465" />
        <source>Reported to:</source>
        <translation>反馈对象：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="466" />
        <source>Date:</source>
        <translation>反馈日期：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="467" />
        <source>What was done:</source>
        <translation>反馈内容：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="469" />
        <source>%1 cards destroyed on %2 (%3, %4).</source>
        <translation>%2 已销毁 %1 卷（%3，%4）。</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="101" />
        <source>1. The ledger file</source>
        <translation>第一步：选择台账文件</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="104" />
        <source>Excel (.xlsx, .xls), WPS or LibreOffice (.ods) or CSV. Nothing is written until the last step.</source>
        <translation>可导入 Excel（.xlsx、.xls）、WPS 或 LibreOffice（.ods）和 CSV 文件。最后一步之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="110" />
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="111" />
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="122" />
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="123" />
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="127" />
        <source>Choose the ledger to import</source>
        <translation>选择要导入的客户台账</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="141" />
        <source>%1 rows in sheet “%2”.</source>
        <translation>工作表“%2”共 %1 行。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="144" />
        <source>Text encoding: %1.</source>
        <translation>文字编码：%1。</translation>
    </message>
</context>
<context>
    <name>FindingApprovalDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="345" />
        <source>Approve the proposal of finding %1</source>
        <translation>审批问题 %1 的处理意见</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="352" />
        <source>Send back</source>
        <translation>退回</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="232" />
        <source>Record a finding</source>
        <translation>登记检查问题</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="236" />
        <source>Archive number, name or pinyin; Enter or scan</source>
        <translation>档案编号、名称或拼音；回车或扫码</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="247" />
        <source>Card:</source>
        <translation>档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="249" />
        <source>Kind:</source>
        <translation>交接类型：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="250" />
        <source>What is wrong:</source>
        <translation>问题描述：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="251" />
        <source>Proposal (optional):</source>
        <translation>处理意见（可稍后填）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="252" />
        <source>Resolve by:</source>
        <translation>整改期限：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="266" />
        <source>Type more or scan the archive number.</source>
        <translation>请多输入几个字或扫描档案编号。</translation>
    </message>
</context>
<context>
    <name>FindingReadDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="407" />
        <source>Finding %1</source>
        <translation>检查问题 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="411" />
        <source>Recorded by %1 on %2</source>
        <translation>%1 于 %2 登记</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="417" />
        <source>Proposed by %1 on %2</source>
        <translation>%1 于 %2 提出处理意见</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="424" />
        <source>%1 by %2 (%3) on %4: %5</source>
        <translation>%2（%3）于 %4 %1：%5</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="433" />
        <source>Resolved on %1 by %2 (helped: %3): %4</source>
        <translation>%1 整改完成，%2 记录（协助：%3）：%4</translation>
    </message>
</context>
<context>
    <name>FindingsPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="501" />
        <source>Every kind</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="505" />
        <source>Card: number or name</source>
        <translation>档案卡：编号或名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="517" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="518" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="519" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="520" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="526" />
        <source>Found by</source>
        <translation>发现于</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="527" />
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="523" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="525" />
        <source>Resolve by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="522" />
        <source>Proposal</source>
        <translation>处理意见</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="521" />
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="539" />
        <source>&amp;New finding…</source>
        <translation>登记问题(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="540" />
        <source>&amp;Proposal…</source>
        <translation>处理意见(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="541" />
        <source>&amp;Approval…</source>
        <translation>审批(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="542" />
        <source>&amp;Resolution…</source>
        <translation>整改结果(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="543" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="575" />
        <source>Select a finding first.</source>
        <translation>请先选择一个检查问题。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="607" />
        <source>Only a proposal awaiting approval can be approved.</source>
        <translation>只有待审批的处理意见才能审批。</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="208" />
        <source>Archive Desk — First start</source>
        <translation>档案台 — 首次启动</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="217" />
        <source>Welcome. This archive is empty. Create the administrator account, who then adds the clerks and approvers.</source>
        <translation>欢迎使用。这是一个空的档案库。请先创建系统管理员账户，再由管理员添加档案管理员和审批人。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="228" />
        <source>Load the demo archive instead (sample cards, loans and users)</source>
        <translation>改为载入演示档案库（示例档案卡、借阅记录和用户）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="232" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="233" />
        <source>Full &amp;name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="234" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="235" />
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="255" />
        <source>Every demo account's password is %1. Log in as %2 to work as the clerk.</source>
        <translation>所有演示账户的密码都是 %1。以档案管理员身份使用请用 %2 登录。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="290" />
        <source>Building the demo archive…</source>
        <translation>正在生成演示档案库…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="307" />
        <source>Demo archive loaded. Accounts:</source>
        <translation>演示档案库已载入。可用账户（用户名 / 密码）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="270" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="275" />
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>FreezeDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="495" />
        <source>Freeze cards</source>
        <translation>冻结档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="500" />
        <source>Archive number, name or pinyin; Enter or scan adds</source>
        <translation>档案编号、名称或拼音；回车或扫码添加</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="511" />
        <source>e.g. the case number, the auditor</source>
        <translation>例如案号、审计单位</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="513" />
        <source>Add card:</source>
        <translation>添加档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="515" />
        <source>Kind:</source>
        <translation>冻结类别：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="516" />
        <source>Reason:</source>
        <translation>冻结原因：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="518" />
        <source>A frozen card is neither listed for destruction nor destroyed until the freeze is lifted.</source>
        <translation>冻结的档案卡在解除冻结之前不能列入销毁清册，也不能销毁。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="534" />
        <source>Type more or scan the archive number.</source>
        <translation>请多输入几个字或扫描档案编号。</translation>
    </message>
</context>
<context>
    <name>HandoverTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="40" />
        <source>Number</source>
        <translation>交接单号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="41" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="42" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="43" />
        <source>Handing over</source>
        <translation>移交方</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="44" />
        <source>Receiving</source>
        <translation>接收方</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="45" />
        <source>Witness</source>
        <translation>监交人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="46" />
        <source>Items</source>
        <translation>项数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="47" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="58" />
        <source>&amp;New slip…</source>
        <translation>新建交接单(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="59" />
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="60" />
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="168" />
        <source>Department approval…</source>
        <translation>移交部门审批…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="61" />
        <source>&amp;Check…</source>
        <translation>核对(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="62" />
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="172" />
        <source>Office approval…</source>
        <translation>总经办审批…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="63" />
        <source>&amp;Receive…</source>
        <translation>接收签字(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="64" />
        <source>&amp;Withdraw…</source>
        <translation>撤销(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="69" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="70" />
        <source>&amp;Print slip</source>
        <translation>打印交接单(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="73" />
        <source>Clerk application form</source>
        <translation>档案管理员申请单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="108" />
        <source>Select a handover slip first.</source>
        <translation>请先选择一份交接单。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="166" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="167" />
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="170" />
        <source>Check…</source>
        <translation>核对…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="174" />
        <source>Receive…</source>
        <translation>接收签字…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="176" />
        <source>Withdraw…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="177" />
        <source>Print slip</source>
        <translation>打印交接单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="192" />
        <source>Only a draft can be edited; withdraw the slip instead.</source>
        <translation>只有草拟状态的交接单才能修改；可以撤销这份交接单后重新填写。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="213" />
        <source>The cards are now kept by %1. The administrator decides what happens to the account of %2 (Settings › Users: deactivate or change its role).</source>
        <translation>档案已由 %1 保管。%2 的账户如何处理（停用或调整角色）由系统管理员在“设置 › 用户”中决定。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="228" />
        <source>Withdraw handover %1</source>
        <translation>撤销交接单 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/handover_tab.py" line="229" />
        <source>Why is the slip withdrawn?</source>
        <translation>撤销原因：</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="63" />
        <source>Import customers from a spreadsheet</source>
        <translation>从表格导入客户档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="79" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="83" />
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
</context>
<context>
    <name>InspectionTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="649" />
        <source>Rounds</source>
        <translation>检查轮次</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="650" />
        <source>Inventory</source>
        <translation>盘点</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="651" />
        <source>Findings</source>
        <translation>检查问题</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="256" />
        <source>Inventory no.</source>
        <translation>盘点编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="257" />
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="258" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="259" />
        <source>Listed</source>
        <translation>清单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="260" />
        <source>Not yet</source>
        <translation>未扫描</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="264" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="274" />
        <source>&amp;New inventory…</source>
        <translation>新建盘点(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="275" />
        <source>&amp;Scan…</source>
        <translation>扫描(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="276" />
        <source>Pa&amp;use</source>
        <translation>暂停(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="277" />
        <source>Add &amp;tray…</source>
        <translation>补充位置(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="278" />
        <source>&amp;End…</source>
        <translation>结束(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="279" />
        <source>&amp;Report</source>
        <translation>盘点报告(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="280" />
        <source>E&amp;xcel…</source>
        <translation>导出Excel(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="286" />
        <source>All lines</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="287" />
        <source>Not scanned yet</source>
        <translation>尚未扫描</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="296" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="297" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="298" />
        <source>Recorded at</source>
        <translation>记录位置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="299" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="301" />
        <source>Scans</source>
        <translation>扫描次数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="302" />
        <source>Done</source>
        <translation>处理</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="303" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="311" />
        <source>&amp;Move here…</source>
        <translation>更正位置(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="312" />
        <source>Record &amp;finding</source>
        <translation>登记问题(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="355" />
        <source>Select an inventory first.</source>
        <translation>请先选择一次盘点。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="383" />
        <source>This inventory has ended.</source>
        <translation>这次盘点已结束。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="409" />
        <source>Add a forgotten tray</source>
        <translation>补充遗漏的位置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="410" />
        <source>Its folders join the list; what was scanned stays.</source>
        <translation>该位置的档案加入清单，已扫描的结果保留。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="429" />
        <source>Select a line of the inventory first.</source>
        <translation>请先选择盘点中的一行。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="440" />
        <source>Where is the folder kept?</source>
        <translation>这卷档案实际存放在哪里？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="441" />
        <source>Location of %1:</source>
        <translation>%1 的存放位置：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="474" />
        <source>Export the inventory to Excel</source>
        <translation>把盘点结果导出为 Excel</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="479" />
        <source>Exporting the inventory…</source>
        <translation>正在导出盘点结果…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="483" />
        <source>%1 lines exported to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>LendDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="212" />
        <source>Lend %1</source>
        <translation>出借 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="219" />
        <source>In the reading room, to %1:</source>
        <translation>在阅览室借给 %1：</translation>
    </message>
</context>
<context>
    <name>ListDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="557" />
        <source>Destruction list %1</source>
        <translation>销毁清册 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="589" />
        <source>Cards:</source>
        <translation>档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="591" />
        <source>Steps and signatures:</source>
        <translation>审批与签字：</translation>
    </message>
</context>
<context>
    <name>LoanRulesPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="147" />
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="147" />
        <source>Secrecy</source>
        <translation>密级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="147" />
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="147" />
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="147" />
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="148" />
        <source>Longest loan</source>
        <translation>最长借期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="148" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="154" />
        <source>Add rule…</source>
        <translation>添加规则…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="155" />
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="156" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="160" />
        <source>The first matching rule decides; for several cards the strictest applies.</source>
        <translation>按顺序第一条符合的规则生效；同时借阅多张档案时取最严格的一条。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="170" />
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="173" />
        <source>same day</source>
        <translation>当日归还</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="175" />
        <source>%1 working days</source>
        <translation>%1 个工作日</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="175" />
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="184" />
        <source>not allowed</source>
        <translation>不允许借阅</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="206" />
        <source>Delete this rule?</source>
        <translation>删除这条规则？</translation>
    </message>
</context>
<context>
    <name>LocationDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="211" />
        <source>Room-cabinet-shelf-box, e.g. 一号库房-01-1</source>
        <translation>库房-柜-层-盒，例如 一号库房-01-1</translation>
    </message>
</context>
<context>
    <name>LocationForm</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="65" />
        <source>On &amp;this computer (a database file)</source>
        <translation>在本机(&amp;T)（数据库文件）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="67" />
        <source>On the company's archive &amp;server (PostgreSQL)</source>
        <translation>在公司的档案服务器上(&amp;S)（PostgreSQL）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="74" />
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="89" />
        <source>from IT, e.g. sslmode=require</source>
        <translation>由 IT 提供，例如 sslmode=require</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="94" />
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="96" />
        <source>&amp;Host:</source>
        <translation>服务器地址(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="97" />
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="98" />
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="99" />
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="100" />
        <source>Connection opt&amp;ions:</source>
        <translation>连接选项(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="133" />
        <source>Archive file</source>
        <translation>档案文件</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="148" />
        <source>Enter the server's address.</source>
        <translation>请填写服务器地址。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="150" />
        <source>Enter the database's name.</source>
        <translation>请填写数据库名。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="153" />
        <source>A password cannot be kept in the connection options: it would be written in plain text. It is asked for at the start and can be kept in this computer's keyring.</source>
        <translation>密码不能写在连接选项里（那样会以明文保存）。密码在程序启动时询问，可以保存在本机的系统密钥环中。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="159" />
        <source>Enter the archive file.</source>
        <translation>请填写档案文件。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="140" />
        <source>Archive Desk — Log in</source>
        <translation>档案台 — 登录</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="148" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="149" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="150" />
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="58" />
        <source>Archive Desk</source>
        <translation>档案台</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="77" />
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="78" />
        <source>Cards</source>
        <translation>档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="79" />
        <source>Borrowing</source>
        <translation>借阅</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="81" />
        <source>Handover</source>
        <translation>交接</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="83" />
        <source>Inspection</source>
        <translation>检查整改</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="85" />
        <source>Retention and destruction</source>
        <translation>保管与销毁</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="87" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="88" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="284" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="286" />
        <source>&amp;Back up the server database to this computer (pg_dump)</source>
        <translation>把服务器上的数据库备份到本机(&amp;B)（pg_dump）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="288" />
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="294" />
        <source>Open backup &amp;folder</source>
        <translation>打开备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="299" />
        <source>Archive &amp;location…</source>
        <translation>档案位置(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="302" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="303" />
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="306" />
        <source>&amp;Change password…</source>
        <translation>修改密码(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="309" />
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="310" />
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="311" />
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="317" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="319" />
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="321" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="332" />
        <source>The server database was backed up with pg_dump to %1 on this computer. The server's own backups remain your IT department's job.</source>
        <translation>已用 pg_dump 把服务器上的数据库备份到本机的 %1。服务器本身的备份仍由 IT 部门负责。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="336" />
        <source>Backup written to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="363" />
        <source>The language changes when the program is started again.</source>
        <translation>界面语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="385" />
        <source>Archive Desk %1
The customer archive room's desk.</source>
        <translation>档案台 %1
客户档案室的办公桌。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="165" />
        <source>2. Which column is which field</source>
        <translation>第二步：各列对应的字段</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="166" />
        <source>Found by the headers; change any column the program got wrong.</source>
        <translation>已按列名自动对应；如有不对，请改为正确的字段。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="171" />
        <source>Keep columns the program does not know in the note</source>
        <translation>无法识别的列记入备注</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="185" />
        <source>e.g. 一号库房</source>
        <translation>例如 一号库房</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="188" />
        <source>Header row:</source>
        <translation>表头所在行：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="191" />
        <source>&amp;Load mapping…</source>
        <translation>载入对应关系(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="192" />
        <source>&amp;Save mapping…</source>
        <translation>保存对应关系(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="194" />
        <source>For empty cells — region:</source>
        <translation>空单元格填入——区域：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="196" />
        <source>category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="198" />
        <source>room:</source>
        <translation>库房：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="209" />
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="213" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="238" />
        <source>Column</source>
        <translation>列名</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="238" />
        <source>First value</source>
        <translation>第一个值</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="238" />
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="245" />
        <source>(into the note)</source>
        <translation>（记入备注）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="286" />
        <source>Load a saved mapping</source>
        <translation>载入保存的对应关系</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="295" />
        <source>Save the mapping</source>
        <translation>保存对应关系</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="310" />
        <source>Checking every row…</source>
        <translation>正在检查每一行…</translation>
    </message>
</context>
<context>
    <name>NewHandoverDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="104" />
        <source>New handover slip</source>
        <translation>新建档案交接单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="123" />
        <source>(not a user)</source>
        <translation>（非系统用户）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="128" />
        <source>Archive number, name or pinyin; Enter or scan adds</source>
        <translation>档案编号、名称或拼音；回车或扫码添加</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="102" />
        <source>Edit handover slip %1</source>
        <translation>修改交接单 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="134" />
        <source>All cards of the handing-over clerk</source>
        <translation>移交人保管的全部档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="135" />
        <source>Item that is not a card…</source>
        <translation>添加非档案卡物品…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="136" />
        <source>Remove row</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="142" />
        <source>Kind:</source>
        <translation>交接类型：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="143" />
        <source>Reason:</source>
        <translation>交接原因：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="144" />
        <source>Handing over:</source>
        <translation>移交人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="149" />
        <source>Handing-over department:</source>
        <translation>移交部门：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="150" />
        <source>Receiving:</source>
        <translation>接收人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="151" />
        <source>Witness (user):</source>
        <translation>监交人（系统用户）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="152" />
        <source>or witness name:</source>
        <translation>或监交人姓名：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="153" />
        <source>Add card:</source>
        <translation>添加档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="209" />
        <source>Approved by: %1</source>
        <translation>移交部门审批人：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="213" />
        <source>Nobody could approve this slip: it needs %1.</source>
        <translation>这份交接单将无人能审批：需要%1审批。请选择有部门负责人的移交部门。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="237" />
        <source>Type more or scan the archive number.</source>
        <translation>请多输入几个字或扫描档案编号。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="263" />
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="266" />
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="270" />
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="263" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="266" />
        <source>Quantity:</source>
        <translation>数量：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="270" />
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
</context>
<context>
    <name>NewInventoryDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="168" />
        <source>New inventory</source>
        <translation>新建盘点</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="177" />
        <source>The folders recorded there are listed now (those on loan apart); then scan each folder's label.</source>
        <translation>现在列出记录在该处的档案（借出中的单列），然后逐卷扫描标签。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="185" />
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
</context>
<context>
    <name>NewRoundDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="109" />
        <source>New inspection round</source>
        <translation>新建检查轮次</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="129" />
        <source>Review period: %1 (months %2)</source>
        <translation>例行检查期：%1（检查月份：%2 月）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="135" />
        <source>Kind:</source>
        <translation>交接类型：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="138" />
        <source>Inspector:</source>
        <translation>检查人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="139" />
        <source>Due by:</source>
        <translation>完成期限：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="140" />
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="143" />
        <source>Language of this workstation:</source>
        <translation>本机界面语言：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="160" />
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="166" />
        <source>Archive number tokens: {category} {region} {year} {seq:N} (N digits), e.g. {category}{year}{seq:3} gives GY2026001.</source>
        <translation>档案编号规则可用：{category} 类别代码、{region} 区域代码、{year} 年份、{seq:N} N 位流水号；例如 {category}{year}{seq:3} 得到 GY2026001。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="180" />
        <source>The language changes when the program is started again.</source>
        <translation>界面语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="195" />
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="60" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="69" />
        <source>To do</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="133" />
        <source>Cards lent per month</source>
        <translation>每月借出件数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="135" />
        <source>Cards in the room by region</source>
        <translation>在库档案（按区域）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="137" />
        <source>Cards in the room by category</source>
        <translation>在库档案（按类别）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="108" />
        <source>Today is %1, %2. Hello, %3.</source>
        <translation>今天是 %1，%2。%3，您好。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="146" />
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="146" />
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="146" />
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="146" />
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="147" />
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="147" />
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="147" />
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/overview_tab.py" line="171" />
        <source>Nothing for your role here.</source>
        <translation>您的角色在这里没有待办事项。</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="87" />
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="88" />
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="89" />
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="90" />
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="91" />
        <source>&amp;Save as…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="182" />
        <source>Cannot open this PDF</source>
        <translation>无法打开此 PDF</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="187" />
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="279" />
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/pdf_preview.py" line="361" />
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="332" />
        <source>new card</source>
        <translation>新档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="333" />
        <source>updates a card</source>
        <translation>更新已有档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="334" />
        <source>skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="335" />
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="344" />
        <source>3. Check before importing</source>
        <translation>第三步：导入前检查</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="345" />
        <source>Every row as it will be stored. Nothing has been written yet.</source>
        <translation>每一行都按将要保存的样子列出。现在还没有写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="350" />
        <source>Accept every warning (e.g. a credit code whose check character fails)</source>
        <translation>接受所有提示（如信用代码校验位不符）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="360" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="360" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="360" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="360" />
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="361" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="361" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="386" />
        <source>This row, if it repeats a card:</source>
        <translation>此行与已有档案重复时：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="394" />
        <source>Rows that repeat a card:</source>
        <translation>与已有档案重复的行：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="416" />
        <source>%1 rows: %2 new, %3 updated, %4 skipped, %5 not imported.</source>
        <translation>共 %1 行：新建 %2 张，更新 %3 张，跳过 %4 行，不导入 %5 行。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="455" />
        <source>An update would change:</source>
        <translation>更新将改动：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="476" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="480" />
        <source>The import was cancelled: the archive is as it was.</source>
        <translation>已取消导入，档案没有任何改动。</translation>
    </message>
</context>
<context>
    <name>ProposalDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="308" />
        <source>Proposal for finding %1</source>
        <translation>问题 %1 的处理意见</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="317" />
        <source>Proposal:</source>
        <translation>处理意见：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="318" />
        <source>Resolve by:</source>
        <translation>整改期限：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="132" />
        <source>Edit destruction list %1</source>
        <translation>修改销毁清册 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="134" />
        <source>New destruction list</source>
        <translation>新建销毁清册</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="142" />
        <source>e.g. retention ended, appraised as of no further value</source>
        <translation>例如：保管期满，经鉴定无继续保存价值</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="146" />
        <source>Archive number, name or pinyin; Enter or scan adds</source>
        <translation>档案编号、名称或拼音；回车或扫码添加</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="151" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="151" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="151" />
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="151" />
        <source>Reason</source>
        <translation>销毁原因</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="152" />
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="156" />
        <source>Remove row</source>
        <translation>删除一行</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="158" />
        <source>Reason for the list:</source>
        <translation>提请销毁理由：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="159" />
        <source>Add card:</source>
        <translation>添加档案：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="162" />
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="322" />
        <source>Sent back: %1</source>
        <translation>已退回：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="218" />
        <source>Type more or scan the archive number.</source>
        <translation>请多输入几个字或扫描档案编号。</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="24" />
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="25" />
        <source>File Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="26" />
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="16" />
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="17" />
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="19" />
        <source>Page &amp;order:</source>
        <translation>页面顺序(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="20" />
        <source>Pages &amp;per sheet:</source>
        <translation>每张页数(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <location filename="../../archive_desk/ui/qt_strings.py" line="18" />
        <source>Page &amp;Set:</source>
        <translation>页面组(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>ReceiveDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="490" />
        <source>Receive handover %1</source>
        <translation>接收交接单 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="502" />
        <source>signs on paper</source>
        <translation>在纸面上签字</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="511" />
        <source>New room (optional):</source>
        <translation>新库房（可不填）：</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="594" />
        <source>4. Done</source>
        <translation>第四步：完成</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="598" />
        <source>Save the rows &amp;not imported…</source>
        <translation>保存未导入的行(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="617" />
        <source>Save the rows not imported</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="629" />
        <source>%1 rows saved with their reason. Correct them and import that file again.</source>
        <translation>已保存 %1 行及其原因。请在文件中改正后再导入该文件。</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="64" />
        <source>&amp;Month:</source>
        <translation>月份(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="66" />
        <source>&amp;Show summary</source>
        <translation>查看汇总(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="67" />
        <source>&amp;Export to Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="70" />
        <source>Month-end list for the general manager</source>
        <translation>月末借出未还清单（报总经理）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="74" />
        <source>Originals and copies still out, due to the general manager by the 5th</source>
        <translation>仍在外的原件和复印件，每月5日前报总经理</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="84" />
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="84" />
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="126" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="84" />
        <source>Lent</source>
        <translation>借出</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="84" />
        <source>Returned</source>
        <translation>归还</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="85" />
        <source>Renewed</source>
        <translation>续借</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="85" />
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="93" />
        <source>Cards lent per day</source>
        <translation>每日借出件数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="95" />
        <source>Monthly borrowing report</source>
        <translation>月度借阅报表</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="106" />
        <source>New cards per month</source>
        <translation>每月新增档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="107" />
        <source>By region</source>
        <translation>按区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="108" />
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="109" />
        <source>By grade</source>
        <translation>按客户等级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="110" />
        <source>By secrecy</source>
        <translation>按密级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="111" />
        <source>By trade status</source>
        <translation>按交易状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="112" />
        <source>Retention due</source>
        <translation>保管期满</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="116" />
        <source>&amp;Recount</source>
        <translation>重新统计(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="118" />
        <source>Export statistics…</source>
        <translation>导出统计…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="126" />
        <source>Cards</source>
        <translation>档案数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="133" />
        <source>Card statistics</source>
        <translation>档案统计</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="168" />
        <source>Counting the loans of %1…</source>
        <translation>正在统计 %1 的借阅…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="174" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="175" />
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="178" />
        <source>%1: %2 cards lent, %3 applied for and not lent; %4 originals and copies out at month end; %5 overdue.</source>
        <translation>%1：借出 %2 件，申请未出借 %3 件；月末未归还原件和复印件 %4 件；逾期 %5 件。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="191" />
        <source>Export the monthly borrowing report</source>
        <translation>导出月度借阅报表</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="197" />
        <source>Writing the report of %1…</source>
        <translation>正在生成 %1 的报表…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="204" />
        <source>Report of %1 written to %2 (%3 rows).</source>
        <translation>%1 的报表已保存到 %2（明细 %3 行）。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="226" />
        <source>Counting the cards…</source>
        <translation>正在统计档案卡…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="233" />
        <source>%1 cards in the room on %2; retention already due: %3.</source>
        <translation>截至 %2 在库档案 %1 份；保管期限已到期 %3 份。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="249" />
        <source>already due</source>
        <translation>已到期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="266" />
        <source>Export the card statistics</source>
        <translation>导出档案统计</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="272" />
        <source>Writing the card statistics…</source>
        <translation>正在生成档案统计…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/reports_tab.py" line="277" />
        <source>Card statistics written to %1</source>
        <translation>档案统计已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="372" />
        <source>Resolution of finding %1</source>
        <translation>问题 %1 的整改结果</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="380" />
        <source>Other departments or people who helped</source>
        <translation>协助的部门或人员</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="382" />
        <source>What was done:</source>
        <translation>整改内容：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="383" />
        <source>Done on:</source>
        <translation>完成日期：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="384" />
        <source>Who helped:</source>
        <translation>协助人：</translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="45" />
        <source>Due list</source>
        <translation>到期清单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="46" />
        <source>Destruction lists</source>
        <translation>销毁清册</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="47" />
        <source>Frozen cards</source>
        <translation>冻结档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="61" />
        <source>Already due</source>
        <translation>已到期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="62" />
        <source>Due within 3 months</source>
        <translation>3个月内到期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="63" />
        <source>Due within 6 months</source>
        <translation>6个月内到期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="64" />
        <source>Due within 12 months</source>
        <translation>12个月内到期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="69" />
        <source>All regions</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="74" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="81" />
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="379" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="82" />
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="380" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="83" />
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="381" />
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="84" />
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="382" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="85" />
        <source>Retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="86" />
        <source>From</source>
        <translation>起算日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="87" />
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="88" />
        <source>Trade</source>
        <translation>交易状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="89" />
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="387" />
        <source>On list</source>
        <translation>所在清册</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="90" />
        <source>Frozen</source>
        <translation>冻结</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="109" />
        <source>&amp;Propose for destruction…</source>
        <translation>提出销毁(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="111" />
        <source>&amp;Freeze…</source>
        <translation>冻结(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="130" />
        <source>%1 cards</source>
        <translation>共 %1 张档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="142" />
        <source>Select due cards that are on no list and not frozen.</source>
        <translation>请先选择未列入清册、未冻结的到期档案卡。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="169" />
        <source>List no.</source>
        <translation>清册编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="170" />
        <source>Proposed</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="171" />
        <source>Proposer</source>
        <translation>提出人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="172" />
        <source>Cards</source>
        <translation>卷数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="173" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="174" />
        <source>May be destroyed from</source>
        <translation>可销毁日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="175" />
        <source>Destroyed on</source>
        <translation>销毁日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="186" />
        <source>&amp;New list…</source>
        <translation>新建清册(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="187" />
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="188" />
        <source>Manager's &amp;review…</source>
        <translation>主管审核(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="190" />
        <source>General manager's &amp;approval…</source>
        <translation>总经理批准(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="192" />
        <source>E&amp;xecute…</source>
        <translation>执行销毁(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="193" />
        <source>&amp;Feedback…</source>
        <translation>反馈(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="194" />
        <source>&amp;Withdraw…</source>
        <translation>撤销(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="200" />
        <source>&amp;Print</source>
        <translation>打印(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="204" />
        <source>Destruction proposal</source>
        <translation>销毁建议书</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="205" />
        <source>Destruction register</source>
        <translation>销毁清册</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="206" />
        <source>Destruction feedback</source>
        <translation>销毁处理反馈单</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="213" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="236" />
        <source>Select a destruction list first.</source>
        <translation>请先选择一份销毁清册。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="298" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="299" />
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="300" />
        <source>Manager's review…</source>
        <translation>主管审核…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="302" />
        <source>General manager's approval…</source>
        <translation>总经理批准…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="304" />
        <source>Execute…</source>
        <translation>执行销毁…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="305" />
        <source>Feedback…</source>
        <translation>反馈…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="306" />
        <source>Withdraw…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="323" />
        <source>Only a list not yet reviewed or sent back can be edited.</source>
        <translation>只有待审核或已退回的清册才能修改。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="346" />
        <source>Withdraw destruction list %1</source>
        <translation>撤销销毁清册 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="347" />
        <source>Why is the list withdrawn?</source>
        <translation>为什么撤销这份清册？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="383" />
        <source>Kind</source>
        <translation>冻结类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="384" />
        <source>Reason</source>
        <translation>冻结原因</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="385" />
        <source>Frozen by</source>
        <translation>冻结人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="386" />
        <source>Since</source>
        <translation>冻结日期</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="399" />
        <source>Freeze a &amp;card…</source>
        <translation>冻结档案卡(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="400" />
        <source>&amp;Lift the freeze…</source>
        <translation>解除冻结(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="416" />
        <source>Select a frozen card first.</source>
        <translation>请先选择一张冻结的档案卡。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="420" />
        <source>Lift the freeze of %1</source>
        <translation>解除 %1 的冻结</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/retention_tab.py" line="421" />
        <source>Why is the freeze lifted?</source>
        <translation>为什么解除冻结？</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="243" />
        <source>Return %1</source>
        <translation>归还 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="250" />
        <source>Card</source>
        <translation>档案</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="250" />
        <source>Document</source>
        <translation>文件名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="250" />
        <source>Present</source>
        <translation>在</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="250" />
        <source>Pages listed</source>
        <translation>目录页数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="251" />
        <source>Pages found</source>
        <translation>实有页数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="251" />
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="321" />
        <source>finding: %1</source>
        <translation>开立检查整改：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="334" />
        <source>Every document is back as listed.</source>
        <translation>卷内文件均已按目录归还。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="338" />
        <source>Not as listed — an inspection finding will be opened:</source>
        <translation>与卷内文件目录不符，将开立检查整改记录：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="353" />
        <source>These cards did not come back as listed:</source>
        <translation>以下档案未按卷内文件目录完整归还：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="357" />
        <source>Take them back as found and open the inspection findings?</source>
        <translation>按实际情况办理归还，并开立检查整改记录吗？</translation>
    </message>
</context>
<context>
    <name>RoundsPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="100" />
        <source>Round no.</source>
        <translation>检查编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="101" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="102" />
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="103" />
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="104" />
        <source>Inspector</source>
        <translation>检查人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="105" />
        <source>Due</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="106" />
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="107" />
        <source>Findings</source>
        <translation>检查问题</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="108" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="117" />
        <source>&amp;New round…</source>
        <translation>新建检查(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="118" />
        <source>&amp;End round…</source>
        <translation>结束检查(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="119" />
        <source>&amp;Print record</source>
        <translation>检查整改记录(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="125" />
        <source>Cards still to go through</source>
        <translation>尚未检查的档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="126" />
        <source>Cards gone through</source>
        <translation>已检查的档案卡</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="131" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="132" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="133" />
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="134" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="135" />
        <source>Location</source>
        <translation>存放位置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="144" />
        <source>Mark &amp;reviewed</source>
        <translation>标记已检查(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="145" />
        <source>Record &amp;finding…</source>
        <translation>登记问题(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="180" />
        <source>Select a round first.</source>
        <translation>请先选择一个检查轮次。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/inspection_tab.py" line="212" />
        <source>Select the cards you have gone through first.</source>
        <translation>请先选择已检查的档案卡。</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="41" />
        <source>Loan rule</source>
        <translation>借阅规则</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="43" />
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="52" />
        <source>%1 and above</source>
        <translation>%1及以上</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="71" />
        <source>same day</source>
        <translation>当日归还</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="72" />
        <source>counted in working days</source>
        <translation>按工作日计算</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="74" />
        <source>borrowing allowed</source>
        <translation>允许借阅</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="95" />
        <source>Order (lower first):</source>
        <translation>顺序（小者优先）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="96" />
        <source>Secrecy:</source>
        <translation>密级：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="97" />
        <source>Grade:</source>
        <translation>客户等级：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="98" />
        <source>Mode:</source>
        <translation>借阅方式：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="99" />
        <source>Approved by:</source>
        <translation>批准人：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="100" />
        <source>Longest loan (days):</source>
        <translation>最长借期（天）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/loan_rules_page.py" line="103" />
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="47" />
        <source>Inventory %1 — scanning</source>
        <translation>盘点 %1 — 扫描</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="55" />
        <source>Scan a folder label, or type its number and Enter</source>
        <translation>扫描卷宗标签，或输入档案编号后按回车</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="58" />
        <source>Ready: scan the first folder.</source>
        <translation>就绪：请扫描第一卷档案。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="76" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="76" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="76" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="76" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="77" />
        <source>Recorded at</source>
        <translation>记录位置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="92" />
        <source>Move here (Ctrl+M)</source>
        <translation>按此处更正位置 (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="93" />
        <source>Record finding (Ctrl+R)</source>
        <translation>登记问题 (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="94" />
        <source>Add tray… (Ctrl+T)</source>
        <translation>补充位置… (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="95" />
        <source>Pause (Ctrl+P)</source>
        <translation>暂停 (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="96" />
        <source>End inventory… (Ctrl+E)</source>
        <translation>结束盘点… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="97" />
        <source>Close window (Esc)</source>
        <translation>关闭窗口 (Esc)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="128" />
        <source>trays added: %1</source>
        <translation>补充位置：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="139" />
        <source>Listed %1 (on loan at the start %2)</source>
        <translation>清单 %1 份（开始时借出 %2）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="147" />
        <source>Not yet scanned %1</source>
        <translation>未扫描 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="175" />
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="218" />
        <source>No misplaced folder to move.</source>
        <translation>没有位置不符的档案可更正。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="225" />
        <source>Where is the folder kept?</source>
        <translation>这卷档案实际存放在哪里？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="225" />
        <source>Location of %1:</source>
        <translation>%1 的存放位置：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="232" />
        <source>%1 is now recorded at %2.</source>
        <translation>%1 的存放位置已改为 %2。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="241" />
        <source>Select a result to record a finding for.</source>
        <translation>请先选择要登记问题的扫描结果。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="245" />
        <source>Finding recorded for %1.</source>
        <translation>已为 %1 登记问题。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="250" />
        <source>Add a forgotten tray</source>
        <translation>补充遗漏的位置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/scan_dialog.py" line="251" />
        <source>Its folders join the list; what was scanned stays.</source>
        <translation>该位置的档案加入清单，已扫描的结果保留。</translation>
    </message>
</context>
<context>
    <name>ScopeFields</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="67" />
        <source>Room-cabinet-shelf-box, e.g. 一号库房-01-1</source>
        <translation>库房-柜-层-盒，例如 一号库房-01-1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="76" />
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
</context>
<context>
    <name>ServerProblemDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="43" />
        <source>Archive Desk — Archive server</source>
        <translation>档案台 — 档案服务器</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="55" />
        <source>Connect again once the server is back, correct the server's address or password below, or work on an archive file on this computer.</source>
        <translation>服务器恢复后可重新连接；也可以在下面更正服务器地址或密码，或者改用本机的档案文件。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="64" />
        <source>as before (pgpass file or keyring)</source>
        <translation>不填则照旧（pgpass 文件或密钥环）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="65" />
        <source>&amp;Remember in this computer's keyring</source>
        <translation>在本机的系统密钥环中记住(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="67" />
        <source>Server &amp;password:</source>
        <translation>服务器密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="70" />
        <source>Use an archive file on this &amp;computer</source>
        <translation>改用本机的档案文件(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="78" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="101" />
        <source>Connect &amp;again</source>
        <translation>重新连接(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/server_problem.py" line="101" />
        <source>Op&amp;en the file</source>
        <translation>打开此文件(&amp;E)</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="254" />
        <source>The language of this workstation is yours.</source>
        <translation>本机的界面语言可以自己选择。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="256" />
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="261" />
        <source>Regions and categories</source>
        <translation>区域与类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="266" />
        <source>Loan rules</source>
        <translation>借阅规则</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="268" />
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="270" />
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="284" />
        <source>Only %1 can change these settings.</source>
        <translation>只有%1可以修改这些设置。</translation>
    </message>
</context>
<context>
    <name>SignatureField</name>
    <message>
        <location filename="../../archive_desk/ui/widgets/signature_pad.py" line="389" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/signature_pad.py" line="391" />
        <source>Remove the whole signature (Delete)</source>
        <translation>清除整个签名（Delete）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/signature_pad.py" line="392" />
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/signature_pad.py" line="394" />
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>撤销最后一笔（Ctrl+Z）</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../archive_desk/ui/widgets/signature_pad.py" line="117" />
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/widgets/signature_pad.py" line="265" />
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
</context>
<context>
    <name>SignaturesDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="182" />
        <source>Borrower</source>
        <translation>借阅人</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="184" />
        <source>Archive clerk</source>
        <translation>档案管理员</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="186" />
        <source>Borrower signs the printed slip instead</source>
        <translation>借阅人改在打印的单据上签字</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/borrowing_dialogs.py" line="188" />
        <source>Clerk signs the printed slip instead</source>
        <translation>档案管理员改在打印的单据上签字</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="539" />
        <source>Handover slip %1</source>
        <translation>交接单 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="569" />
        <source>Items:</source>
        <translation>移交清单：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="571" />
        <source>Steps and signatures:</source>
        <translation>审批与签字：</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="308" />
        <source>Approve handover %1</source>
        <translation>审批交接单 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="267" />
        <source>Approve destruction list %1</source>
        <translation>审批销毁清册 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="275" />
        <location filename="../../archive_desk/ui/dialogs/handover_dialogs.py" line="315" />
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="275" />
        <source>Refuse</source>
        <translation>不同意</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="280" />
        <source>Exempt</source>
        <translation>豁免</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="280" />
        <source>Archive no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="280" />
        <source>Customer</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="280" />
        <source>Reason</source>
        <translation>销毁原因</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="281" />
        <source>Now</source>
        <translation>当前复核</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="281" />
        <source>Why exempted</source>
        <translation>豁免理由</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="304" />
        <source>Tick a card to exempt it from destruction and say why: it returns to the archive.</source>
        <translation>勾选免于销毁的档案卡并写明理由：它将退回档案室继续保存。</translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="182" />
        <source>Archive location</source>
        <translation>档案位置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/store_dialog.py" line="187" />
        <source>The password is asked for when the program starts; it can be kept in this computer's keyring, never in a file. The new location is used from the next start.</source>
        <translation>密码在程序启动时询问，可以保存在本机的系统密钥环中，绝不写入文件。新的位置从下次启动起生效。</translation>
    </message>
</context>
<context>
    <name>UnknownNames</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="493" />
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="494" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="495" />
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="501" />
        <source>Names the archive does not know yet</source>
        <translation>档案里还没有的名称</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="504" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="504" />
        <source>In the ledger</source>
        <translation>台账中的写法</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="504" />
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="504" />
        <source>Take as</source>
        <translation>对应为</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="518" />
        <source>Each is created when importing, unless you take an existing one instead.</source>
        <translation>导入时将逐个新建；也可以改选一个已有的代替。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="547" />
        <source>Create “%1”</source>
        <translation>新建“%1”</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="549" />
        <source>Leave empty</source>
        <translation>留空</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="32" />
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="32" />
        <source>Edit user</source>
        <translation>编辑用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="45" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="54" />
        <source>mobile, or landline with area code</source>
        <translation>手机，或带区号的座机（如 0531-88888888）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="67" />
        <source>Account active</source>
        <translation>账户启用</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="70" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="71" />
        <source>Full &amp;name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="72" />
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="73" />
        <source>&amp;Department:</source>
        <translation>部门(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="74" />
        <source>&amp;Clearance:</source>
        <translation>可阅密级(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="75" />
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="77" />
        <source>Initial &amp;password:</source>
        <translation>初始密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="44" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="46" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="47" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="48" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="49" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="50" />
        <source>Clearance</source>
        <translation>可阅密级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="51" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="52" />
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="53" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="62" />
        <source>&amp;New user…</source>
        <translation>新建用户(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="63" />
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="64" />
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="65" />
        <source>&amp;Unlock</source>
        <translation>解除锁定(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="66" />
        <source>New &amp;department…</source>
        <translation>新建部门(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="86" />
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="95" />
        <source>Select a user first.</source>
        <translation>请先选择一个用户。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="99" />
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="100" />
        <source>New password for %1 (they must change it at the next login):</source>
        <translation>为 %1 设置新密码（下次登录时须修改）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="108" />
        <source>Password reset.</source>
        <translation>密码已重置。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="118" />
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="118" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="106" />
        <source>Opening the archive…</source>
        <translation>正在打开档案库…</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../archive_desk/ui/crash.py" line="27" />
        <source>An unexpected error occurred. Everything already saved is safe.

Details were written to the log in %1.</source>
        <translation>程序出现意外错误。已保存的数据都是安全的。

详细信息已写入日志文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/crash.py" line="33" />
        <source>Archive Desk — error</source>
        <translation>档案台 — 错误</translation>
    </message>
</context>
<context>
    <name>destruction</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="102" />
        <source>%1 cards</source>
        <translation>%1 卷</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/destruction_dialogs.py" line="108" />
        <source>May be destroyed from %1</source>
        <translation>%1 起可以销毁</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <location filename="../../archive_desk/ui/files.py" line="35" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/files.py" line="36" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/files.py" line="37" />
        <source>Archive database (*.db)</source>
        <translation>档案数据库 (*.db)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="48" />
        <source>Spreadsheets (*.xlsx *.xls *.ods *.csv *.txt)</source>
        <translation>表格文件 (*.xlsx *.xls *.ods *.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/import_wizard.py" line="51" />
        <source>Column mapping (*.json)</source>
        <translation>列对应关系 (*.json)</translation>
    </message>
</context>
<context>
    <name>inspection_dialogs</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/inspection_dialogs.py" line="296" />
        <source>Proposal (resolve by %1): %2</source>
        <translation>处理意见（%1 前完成）：%2</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../archive_desk/ui/messages.py" line="63" />
        <location filename="../../archive_desk/ui/messages.py" line="67" />
        <location filename="../../archive_desk/ui/messages.py" line="71" />
        <source>Archive Desk</source>
        <translation>档案台</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/messages.py" line="76" />
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/messages.py" line="83" />
        <source>Save anyway?</source>
        <translation>仍然保存吗？</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../archive_desk/ui/printing.py" line="62" />
        <source>Select one or more cards first.</source>
        <translation>请先选择档案卡。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/printing.py" line="68" />
        <location filename="../../archive_desk/ui/printing.py" line="111" />
        <source>Preparing %1…</source>
        <translation>正在生成%1…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/printing.py" line="87" />
        <source>Exporting cards…</source>
        <translation>正在导出档案卡…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/printing.py" line="93" />
        <source>%1 cards exported to %2</source>
        <translation>已导出 %1 张档案卡到 %2</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../archive_desk/ui/app.py" line="349" />
        <source>Try again?</source>
        <translation>是否重试？</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/app.py" line="392" />
        <source>The database file %1 is missing, but its backup folder holds backups.</source>
        <translation>找不到数据库文件 %1，但它的备份文件夹里有备份（文件可能被删除或移走了）。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/app.py" line="409" />
        <source>No backup that passes the check was found in %1. Ask your administrator for a copy of the archive.</source>
        <translation>在 %1 中没有找到能通过检查的备份。请向系统管理员索取档案数据库的副本。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/app.py" line="418" />
        <source>Restore the newest backup that passes the check (%1, taken %2)? The present file is kept in the backup folder.</source>
        <translation>是否恢复最近一份通过检查的备份（%1，备份于 %2）？现在的文件会另存到备份文件夹中。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/app.py" line="436" />
        <source>The archive was restored from %1. The replaced file was kept as %2. Work entered after %3 must be entered again.</source>
        <translation>已从 %1 恢复档案数据库。被替换的文件另存为 %2。%3 之后录入的内容需要重新录入。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/app.py" line="821" />
        <source>Backing up the archive before closing…</source>
        <translation>正在备份档案数据，完成后自动关闭…</translation>
    </message>
</context>
<context>
    <name>worker</name>
    <message>
        <location filename="../../archive_desk/ui/worker.py" line="96" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>