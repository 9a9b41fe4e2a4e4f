using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// What the script calls the layers of the composite it previews, read from its syntax (nothing runs): the first
/// <c>Render</c> or <c>SaveFrame</c> call's clip is followed through variables and fluent calls to its
/// <c>Composite(w, h, ...)</c>, and each layer argument is named by the variable it starts from (<c>beach</c> for
/// <c>beach.CrossFadeIn(1)</c>). A layer made in place (<c>Video("a.mp4").Subclip(2)</c>) has no name here.
/// </summary>
internal sealed class ScriptNames
{
    private const int MostHops = 16;
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private readonly Dictionary<string, ExpressionSyntax> _variables;

    private ScriptNames(Dictionary<string, ExpressionSyntax> variables, ExpressionSyntax? shown)
    {
        _variables = variables;
        Shown = shown;
    }

    /// <summary>The clip argument of the first output call, or null when there is none to read.</summary>
    public ExpressionSyntax? Shown { get; }

    public static ScriptNames Read(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var variables = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        ExpressionSyntax? shown = null;
        // A script's top-level `var x = ...;` is a field of the submission; one inside a block is a local.
        foreach (var node in root.ChildNodes())
        {
            var declaration = node switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            foreach (var declarator in declaration?.Variables ?? default)
            {
                if (declarator.Initializer is { } init)
                    variables[declarator.Identifier.ValueText] = init.Value;
            }
            if (shown is null && node is GlobalStatementSyntax { Statement: var statement })
            {
                shown = statement.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                    .FirstOrDefault(i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "Render" or "SaveFrame" } && i.ArgumentList.Arguments.Count > 0)
                    ?.ArgumentList.Arguments[0].Expression;
            }
        }
        return new ScriptNames(variables, shown);
    }

    /// <summary>
    /// The layer arguments of the composite <paramref name="expression"/> makes, in order, each with the variable it
    /// starts from (or null); null when the expression is no composite, or its layers are not written out one by one.
    /// </summary>
    public IReadOnlyList<(string? Name, ExpressionSyntax Expression)>? Layers(ExpressionSyntax? expression)
    {
        if (CompositeCall(expression, MostHops) is not { } call)
            return null;
        var layers = new List<(string?, ExpressionSyntax)>();
        foreach (var argument in call.ArgumentList.Arguments.Skip(2))
        {
            if (argument.NameColon is not null || argument.Expression is LiteralExpressionSyntax)
                continue; // bg:, or the background color after a list of layers
            switch (argument.Expression)
            {
                case CollectionExpressionSyntax collection:
                    foreach (var element in collection.Elements)
                    {
                        if (element is not ExpressionElementSyntax item)
                            return null; // a spread: its count is only known at run time
                        layers.Add((NameOf(item.Expression), item.Expression));
                    }
                    break;
                case ArrayCreationExpressionSyntax { Initializer: { } items }:
                    layers.AddRange(items.Expressions.Select(e => (NameOf(e), e)));
                    break;
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    layers.AddRange(implicitArray.Initializer.Expressions.Select(e => (NameOf(e), e)));
                    break;
                default:
                    layers.Add((NameOf(argument.Expression), argument.Expression));
                    break;
            }
        }
        return layers;
    }

    private InvocationExpressionSyntax? CompositeCall(ExpressionSyntax? expression, int hops)
    {
        while (expression is not null && hops-- > 0)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Composite" } } call:
                    return call;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }:
                    expression = member.Expression;
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    break;
                case IdentifierNameSyntax name when _variables.TryGetValue(name.Identifier.ValueText, out var value):
                    expression = value;
                    break;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>The variable a layer expression starts from: <c>logo</c> for <c>logo.At(10, 10).FadeIn(1)</c>.</summary>
    private string? NameOf(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }:
                    expression = member.Expression;
                    break;
                case MemberAccessExpressionSyntax member:
                    expression = member.Expression;
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case CastExpressionSyntax cast:
                    expression = cast.Expression;
                    break;
                case IdentifierNameSyntax name when _variables.ContainsKey(name.Identifier.ValueText):
                    return name.Identifier.ValueText;
                default:
                    return null;
            }
        }
    }
}
