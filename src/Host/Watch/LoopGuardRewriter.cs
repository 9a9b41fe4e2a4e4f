using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Puts <see cref="LoopGuard.Check"/> at the top of every loop body (while, do, for, foreach) of a script, without
/// adding a line: the call goes on the line of the loop's opening brace, so compiler and runtime line numbers stay
/// those of the file the user sees.
/// </summary>
internal sealed class LoopGuardRewriter : CSharpSyntaxRewriter
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private static readonly StatementSyntax Guard =
        SyntaxFactory.ParseStatement($"global::{typeof(LoopGuard).FullName}.{nameof(LoopGuard.Check)}();");

    /// <summary>The guarded text of a script file, with the same lines as <paramref name="code"/>.</summary>
    public static string Rewrite(string code, string path)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ScriptParse, path);
        return new LoopGuardRewriter().Visit(tree.GetRoot()).ToFullString();
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Guarded(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Guarded(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Guarded(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Guarded(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Guarded(visited.Statement));
    }

    private static BlockSyntax Guarded(StatementSyntax body)
    {
        if (body is BlockSyntax block)
        {
            // "{" + guard, then the brace's own line break: nothing moves to another line.
            var open = block.OpenBraceToken;
            return block
                .WithOpenBraceToken(open.WithTrailingTrivia())
                .WithStatements(block.Statements.Insert(0, Guard.WithTrailingTrivia(open.TrailingTrivia)));
        }
        // "while (c) x++;" becomes "while (c) {guard; x++;}" with the line break after the new closing brace.
        return SyntaxFactory.Block(Guard, body.WithoutTrailingTrivia())
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(body.GetTrailingTrivia()));
    }
}
