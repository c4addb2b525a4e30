<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="212"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="213"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="214"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="215"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="216"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="217"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="218"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="222"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="117"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="121"/>
        <source>Please choose a new password before you continue.</source>
        <translation>继续之前，请设置一个新密码。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="125"/>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="126"/>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="127"/>
        <source>New password &amp;again:</source>
        <translation>再次输入新密码(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="132"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="140"/>
        <source>Archive Desk — First start</source>
        <translation>档案台 — 首次启动</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="147"/>
        <source>Welcome. This archive is empty. Create the administrator account, who then adds the clerks and approvers.</source>
        <translation>欢迎使用。这是一个空的档案库。请先创建系统管理员账户，再由管理员添加档案管理员和审批人。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="158"/>
        <source>Load the demo archive instead (sample cards, loans and users)</source>
        <translation>改为载入演示档案库（示例档案卡、借阅记录和用户）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="162"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="163"/>
        <source>Full &amp;name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="164"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="165"/>
        <source>Password &amp;again:</source>
        <translation>再次输入密码(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="187"/>
        <source>Demo archive loaded. Accounts:</source>
        <translation>演示档案库已载入。可用账户（用户名 / 密码）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="190"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="193"/>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="89"/>
        <source>Archive Desk — Log in</source>
        <translation>档案台 — 登录</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="98"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="99"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/login.py" line="100"/>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="44"/>
        <source>Archive Desk</source>
        <translation>档案台</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="54"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="87"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="88"/>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="93"/>
        <source>Open backup &amp;folder</source>
        <translation>打开备份文件夹(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="97"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="98"/>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="101"/>
        <source>&amp;Change password…</source>
        <translation>修改密码(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="104"/>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="105"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="106"/>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="112"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="114"/>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="116"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="125"/>
        <source>Backup written to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="140"/>
        <source>The language changes when the program is started again.</source>
        <translation>界面语言将在下次启动程序时生效。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/main_window.py" line="149"/>
        <source>Archive Desk %1
The customer archive room&apos;s desk.</source>
        <translation>档案台 %1
客户档案室的办公桌。</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="160"/>
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="166"/>
        <source>Archive number tokens: {category} {region} {year} {seq:N} (N digits), e.g. {category}{year}{seq:3} gives GY2026001.</source>
        <translation>档案编号规则可用：{category} 类别代码、{region} 区域代码、{year} 年份、{seq:N} N 位流水号；例如 {category}{year}{seq:3} 得到 GY2026001。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="190"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="237"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="239"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="241"/>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="32"/>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="32"/>
        <source>Edit user</source>
        <translation>编辑用户</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="45"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="57"/>
        <source>Account active</source>
        <translation>账户启用</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="60"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="61"/>
        <source>Full &amp;name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="62"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="63"/>
        <source>&amp;Department:</source>
        <translation>部门(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="64"/>
        <source>&amp;Clearance:</source>
        <translation>可阅密级(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="65"/>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/dialogs/user_dialog.py" line="67"/>
        <source>Initial &amp;password:</source>
        <translation>初始密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="53"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="55"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="56"/>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="57"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="58"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="59"/>
        <source>Clearance</source>
        <translation>可阅密级</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="60"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="61"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="62"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="71"/>
        <source>&amp;New user…</source>
        <translation>新建用户(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="72"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="73"/>
        <source>&amp;Reset password…</source>
        <translation>重置密码(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="74"/>
        <source>&amp;Unlock</source>
        <translation>解除锁定(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="75"/>
        <source>New &amp;department…</source>
        <translation>新建部门(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="99"/>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="108"/>
        <source>Select a user first.</source>
        <translation>请先选择一个用户。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="112"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="113"/>
        <source>New password for %1 (they must change it at the next login):</source>
        <translation>为 %1 设置新密码（下次登录时须修改）：</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="121"/>
        <source>Password reset.</source>
        <translation>密码已重置。</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="131"/>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/tabs/settings_tab.py" line="131"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../archive_desk/ui/crash.py" line="27"/>
        <source>An unexpected error occurred. Everything already saved is safe.

Details were written to the log in %1.</source>
        <translation>程序出现意外错误。已保存的数据都是安全的。

详细信息已写入日志文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/crash.py" line="33"/>
        <source>Archive Desk — error</source>
        <translation>档案台 — 错误</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../archive_desk/ui/messages.py" line="63"/>
        <location filename="../../archive_desk/ui/messages.py" line="67"/>
        <location filename="../../archive_desk/ui/messages.py" line="71"/>
        <source>Archive Desk</source>
        <translation>档案台</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/messages.py" line="76"/>
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../archive_desk/ui/messages.py" line="95"/>
        <source>Save anyway?</source>
        <translation>仍然保存吗？</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <location filename="../../archive_desk/ui/app.py" line="91"/>
        <source>Restore the latest backup (%1)? The damaged file is kept.</source>
        <translation>是否恢复最近的备份（%1）？损坏的文件会另行保留。</translation>
    </message>
</context>
</TS>
